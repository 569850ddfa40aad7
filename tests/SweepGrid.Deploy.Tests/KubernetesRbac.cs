using YamlDotNet.RepresentationModel;

namespace SweepGrid.Deploy.Tests;

/// <summary>The ServiceAccounts, Roles and RoleBindings of deploy/k8s, which are all applied into one namespace (kubectl apply -n …).</summary>
public static class KubernetesRbac
{
    public static YamlMappingNode? ServiceAccount(string name) => Of("ServiceAccount").SingleOrDefault(document => Name(document) == name);

    /// <summary>
    /// The verbs a service account is granted on pods (the core API group, named explicitly) by Roles of these manifests,
    /// through RoleBindings whose subject is the account without a namespace, i.e. in the namespace they are applied to.
    /// </summary>
    public static IReadOnlySet<string> PodVerbs(string serviceAccount)
    {
        var roles = Of("RoleBinding")
            .Where(binding => binding.Child("subjects").Items().Any(subject =>
                subject.Child("kind").Text() == "ServiceAccount" && subject.Child("name").Text() == serviceAccount && subject.Child("namespace") is null))
            .Select(binding => binding.Child("roleRef"))
            .Where(role => role.Child("kind").Text() == "Role" && role.Child("apiGroup").Text() == "rbac.authorization.k8s.io")
            .Select(role => role.Child("name").Text())
            .ToHashSet();
        return Of("Role").Where(role => roles.Contains(Name(role)))
            .SelectMany(role => role.Child("rules").Items())
            .Where(rule => rule.Child("apiGroups").Items().Any(group => group.Text() == "") && rule.Child("resources").Items().Any(resource => resource.Text() == "pods"))
            .SelectMany(rule => rule.Child("verbs").Items().Select(verb => verb.Text() ?? ""))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<YamlMappingNode> Of(string kind) => KubernetesWorkload.Documents().Where(document => document.Child("kind").Text() == kind);

    private static string? Name(YamlNode document) => document.At("metadata", "name").Text();
}
