using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace SweepGrid.Deploy.Tests;

/// <summary>One service of deploy/compose/compose.yaml.</summary>
public sealed record ComposeService(string Name, YamlNode Node)
{
    public static IReadOnlyList<ComposeService> All() =>
        Yaml.LoadDocuments(DeployFiles.ComposeFile).Single().Child("services").Entries()
            .Select(entry => new ComposeService(entry.Key, entry.Value)).ToList();

    public string Image => Node.Child("image").Text() ?? "";

    public bool IsSilo => Image.StartsWith("sweepgrid-silo", StringComparison.Ordinal);

    /// <summary>environment: as a mapping or as a list of NAME=VALUE.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Node.Child("environment") is YamlSequenceNode list
            ? list.Children.Select(item => item.Text()!.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "")
            : Node.Child("environment").StringMap();

    /// <summary>ports: "HOST_IP:HOST_PORT:CONTAINER_PORT" entries as (host address, container port).</summary>
    public IReadOnlyList<(string HostAddress, int ContainerPort)> Published =>
        Node.Child("ports").Items().Select(item =>
        {
            var parts = item.Text()!.Split('/')[0].Split(':');
            return (parts.Length == 3 ? parts[0] : "", int.Parse(parts[^1], CultureInfo.InvariantCulture));
        }).ToList();

    /// <summary>command: in its exec form, a list.</summary>
    public IReadOnlyList<string> Command => Node.Child("command").Items().Select(item => item.Text() ?? "").ToList();

    public IReadOnlyList<int> Exposed => Node.Child("expose").Items().Select(item => int.Parse(item.Text()!, CultureInfo.InvariantCulture)).ToList();

    /// <summary>volumes: "SOURCE:TARGET[:MODE]" entries.</summary>
    public IReadOnlyList<(string Source, string Target)> Volumes =>
        Node.Child("volumes").Items().Select(item => item.Text()!.Split(':')).Select(parts => (parts[0], parts[1])).ToList();
}
