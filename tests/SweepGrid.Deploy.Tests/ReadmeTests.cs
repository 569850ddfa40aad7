using System.Globalization;
using System.Text.RegularExpressions;

namespace SweepGrid.Deploy.Tests;

public sealed partial class ReadmeTests
{
    [Fact]
    public void The_readme_builds_each_dockerfile_under_one_tag()
    {
        var readme = ReadmeImages.Built;
        foreach (var dockerfile in DeployFiles.Dockerfiles.Select(path => Path.GetRelativePath(RepoRoot.Path, path).Replace('\\', '/')))
        {
            Assert.Single(readme, pair => pair.Value == dockerfile);
        }

        Assert.All(readme.Values, file => Assert.True(File.Exists(RepoRoot.Combine(file.Split('/'))), $"deploy/README.md builds {file}, which does not exist"));
    }

    [Fact]
    public void The_readme_connects_the_cli_the_way_the_cli_parses_it()
    {
        var text = File.ReadAllText(DeployFiles.Readme);
        Assert.Contains("sweepgrid launch", text, StringComparison.Ordinal);
        var targets = ClusterOption().Matches(text).Select(match => match.Groups[1].Value).ToList();
        Assert.Contains(targets, target => target.StartsWith("redis://", StringComparison.Ordinal));
        var services = ComposeService.All();
        var gateways = services.Where(service => service.IsSilo).SelectMany(service => service.Published.Select(published => published.ContainerPort))
            .Concat(KubernetesWorkload.Services().SelectMany(service => service.At("spec", "ports").Items().Select(port => int.Parse(port.Child("port").Text()!, CultureInfo.InvariantCulture))))
            .ToHashSet();
        var redis = services.Where(service => service.Image.StartsWith("redis:", StringComparison.Ordinal)).SelectMany(service => service.Published.Select(published => published.ContainerPort)).ToHashSet();
        foreach (var target in targets.Select(target => target.Trim('"')))
        {
            // What ClusterTarget.Parse accepts: localhost[:PORT] or redis://[:PASSWORD@]HOST:PORT.
            var local = LocalTarget().Match(target);
            if (local.Success)
            {
                Assert.Contains(local.Groups[1].Success ? int.Parse(local.Groups[1].Value, CultureInfo.InvariantCulture) : 30000, gateways);
                continue;
            }

            Assert.StartsWith("redis://", target, StringComparison.Ordinal);
            var address = target["redis://".Length..];
            var (host, port) = Endpoints.Parse(address[(address.LastIndexOf('@') + 1)..]);
            if (host == "127.0.0.1")
            {
                Assert.Contains(port, redis);
            }
        }
    }

    [GeneratedRegex(@"--cluster[ =](\S+?)[`\s]")]
    private static partial Regex ClusterOption();

    [GeneratedRegex(@"^(?:localhost|127\.0\.0\.1)(?::(\d+))?$")]
    private static partial Regex LocalTarget();
}
