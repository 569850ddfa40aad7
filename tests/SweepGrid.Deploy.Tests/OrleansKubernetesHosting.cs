using Orleans.Hosting.Kubernetes;

namespace SweepGrid.Deploy.Tests;

/// <summary>
/// What Microsoft.Orleans.Hosting.Kubernetes needs of a silo pod (Cluster:Kubernetes=true): the environment variables it
/// reads, each with the downward API field that gives it, and the verbs its pod watch uses on pods.
/// </summary>
public static class OrleansKubernetesHosting
{
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [KubernetesHostingOptions.PodNameEnvironmentVariable] = "metadata.name",
        [KubernetesHostingOptions.PodNamespaceEnvironmentVariable] = "metadata.namespace",
        [KubernetesHostingOptions.PodIPEnvironmentVariable] = "status.podIP",
        [KubernetesHostingOptions.ClusterIdEnvironmentVariable] = LabelField(KubernetesHostingOptions.ClusterIdLabel),
        [KubernetesHostingOptions.ServiceIdEnvironmentVariable] = LabelField(KubernetesHostingOptions.ServiceIdLabel),
    };

    /// <summary>The pod labels the watch selects a cluster's pods by (and a silo patches onto its own pod).</summary>
    public static IReadOnlyList<string> Labels { get; } = [KubernetesHostingOptions.ClusterIdLabel, KubernetesHostingOptions.ServiceIdLabel];

    /// <summary>list + watch: the cluster's pods; get + patch: a silo's own labels; delete: the pod of a silo declared dead.</summary>
    public static IReadOnlyList<string> PodVerbs { get; } = ["get", "list", "watch", "patch", "delete"];

    public static string LabelField(string label) => $"metadata.labels['{label}']";
}
