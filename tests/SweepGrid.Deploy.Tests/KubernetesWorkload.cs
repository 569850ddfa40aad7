using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace SweepGrid.Deploy.Tests;

/// <summary>A Deployment or StatefulSet from deploy/k8s, with its first container (every workload here has one).</summary>
public sealed record KubernetesWorkload(string File, YamlMappingNode Document)
{
    public static IReadOnlyList<YamlMappingNode> Documents() =>
        DeployFiles.KubernetesManifests.SelectMany(Yaml.LoadDocuments).ToList();

    public static IReadOnlyList<KubernetesWorkload> All() =>
        DeployFiles.KubernetesManifests.SelectMany(path => Yaml.LoadDocuments(path).Select(document => new KubernetesWorkload(Path.GetFileName(path), document)))
            .Where(workload => workload.Kind is "Deployment" or "StatefulSet").ToList();

    public static IReadOnlyList<YamlMappingNode> Services() => Documents().Where(document => document.Child("kind").Text() == "Service").ToList();

    public string Kind => Document.Child("kind").Text() ?? "";

    public string Name => Document.At("metadata", "name").Text() ?? "";

    public YamlNode? PodSpec => Document.At("spec", "template", "spec");

    public YamlNode Container => PodSpec.Child("containers").Items().Single();

    public string? ServiceAccountName => PodSpec.Child("serviceAccountName").Text();

    /// <summary>Whether the pod gets its service account's API token (the default, unless the pod spec turns it off).</summary>
    public bool MountsServiceAccountToken => PodSpec.Child("automountServiceAccountToken").Text() != "false";

    public string Image => Container.Child("image").Text() ?? "";

    public bool IsSilo => Image.StartsWith("sweepgrid-silo", StringComparison.Ordinal);

    public IReadOnlyDictionary<string, string> PodLabels => Document.At("spec", "template", "metadata", "labels").StringMap();

    public IReadOnlyDictionary<string, string> Selector => Document.At("spec", "selector", "matchLabels").StringMap();

    /// <summary>env entries with a literal value (valueFrom entries map to "").</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Container.Child("env").Items().ToDictionary(item => item.Child("name").Text()!, item => item.Child("value").Text() ?? "");

    /// <summary>The Secret and key an env entry takes its value from (valueFrom.secretKeyRef), or null.</summary>
    public (string Name, string Key)? SecretRef(string variable) =>
        Container.Child("env").Items().FirstOrDefault(item => item.Child("name").Text() == variable).At("valueFrom", "secretKeyRef") is { } reference
            ? (reference.Child("name").Text() ?? "", reference.Child("key").Text() ?? "")
            : null;

    /// <summary>The container's command and args, in order.</summary>
    public IReadOnlyList<string> Arguments => Container.Child("command").Items().Concat(Container.Child("args").Items()).Select(item => item.Text() ?? "").ToList();

    public string? FieldRef(string variable) =>
        Container.Child("env").Items().FirstOrDefault(item => item.Child("name").Text() == variable)
            .At("valueFrom", "fieldRef", "fieldPath").Text();

    public IReadOnlyList<(string? Name, int Port)> ContainerPorts =>
        Container.Child("ports").Items()
            .Select(item => (item.Child("name").Text(), int.Parse(item.Child("containerPort").Text()!, CultureInfo.InvariantCulture))).ToList();

    public string? Limit(string resource) => Container.At("resources", "limits", resource).Text();

    public string? Request(string resource) => Container.At("resources", "requests", resource).Text();

    public static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
