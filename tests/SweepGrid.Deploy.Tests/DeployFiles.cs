namespace SweepGrid.Deploy.Tests;

/// <summary>Where the deployment files live, and every text file under deploy/.</summary>
public static class DeployFiles
{
    public static string Folder => RepoRoot.Combine("deploy");

    public static string ComposeFile => RepoRoot.Combine("deploy", "compose", "compose.yaml");

    public static string CollectorConfig => RepoRoot.Combine("deploy", "compose", "otel-collector.yaml");

    public static string Readme => RepoRoot.Combine("deploy", "README.md");

    public static IReadOnlyList<string> KubernetesManifests =>
        Directory.GetFiles(RepoRoot.Combine("deploy", "k8s"), "*.yaml").Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> YamlFiles =>
        Directory.EnumerateFiles(Folder, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> Dockerfiles =>
        Directory.GetFiles(RepoRoot.Combine("deploy", "docker"), "Dockerfile.*")
            .Where(path => !path.EndsWith(".dockerignore", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> AllTextFiles =>
        Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
}
