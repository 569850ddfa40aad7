using System.Globalization;
using System.Text.RegularExpressions;

namespace SweepGrid.Deploy.Tests;

public sealed partial class DockerfileTests
{
    public static TheoryData<string> Files() => [.. DeployFiles.Dockerfiles.Select(Path.GetFileName).OfType<string>()];

    private static Dockerfile Read(string name) => Dockerfile.Read(RepoRoot.Combine("deploy", "docker", name));

    [Fact]
    public void There_is_a_cpu_and_a_cuda_image() =>
        Assert.Equal(["Dockerfile.cpu", "Dockerfile.cuda"], DeployFiles.Dockerfiles.Select(Path.GetFileName));

    [Theory]
    [MemberData(nameof(Files))]
    public void It_exposes_the_ports_its_environment_configures(string name)
    {
        var dockerfile = Read(name);
        var env = dockerfile.Environment;
        Assert.Contains(int.Parse(env["SWEEPGRID_Cluster__SiloPort"], CultureInfo.InvariantCulture), dockerfile.ExposedPorts);
        Assert.Contains(int.Parse(env["SWEEPGRID_Cluster__GatewayPort"], CultureInfo.InvariantCulture), dockerfile.ExposedPorts);
        Assert.Equal("redis", env["SWEEPGRID_Cluster__Mode"]);
        Assert.Equal("redis", env["SWEEPGRID_Storage__Provider"]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void It_runs_on_the_aspnet_runtime_the_dashboard_needs_and_exposes_the_dashboard_on_every_interface(string name)
    {
        var dockerfile = Read(name);
        // The silo references Microsoft.AspNetCore.App (Kestrel, for the dashboard): the bare .NET runtime cannot start it.
        Assert.Contains("<FrameworkReference Include=\"Microsoft.AspNetCore.App\" />", File.ReadAllText(RepoRoot.Combine("src", "Silo", "SweepGrid.Silo.csproj")), StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", dockerfile.FinalStage[0].Arguments, StringComparison.Ordinal);
        var env = dockerfile.Environment;
        Assert.Contains(int.Parse(env["SWEEPGRID_Dashboard__Port"], CultureInfo.InvariantCulture), dockerfile.ExposedPorts);
        // Inside a container loopback is the container's own: only 0.0.0.0 lets a published port reach it.
        Assert.Equal("0.0.0.0", env["SWEEPGRID_Dashboard__Bind"]);
        // Off unless compose or the pod spec turns it on.
        Assert.False(env.ContainsKey("SWEEPGRID_Dashboard__Enabled"), $"{name} turns the dashboard on for every container");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void It_leaves_kubernetes_hosting_to_the_pod_spec(string name) =>
        // Compose runs these images outside Kubernetes, where a silo asked for Kubernetes hosting refuses to start.
        Assert.False(Read(name).Environment.ContainsKey("SWEEPGRID_Cluster__Kubernetes"), $"{name} turns on Kubernetes hosting for every container");

    [Theory]
    [MemberData(nameof(Files))]
    public void It_runs_as_a_non_root_user_on_a_libstdcxx_with_glibcxx_3_4_32(string name)
    {
        var stage = Read(name).FinalStage;
        var user = stage.LastOrDefault(instruction => instruction.Keyword == "USER").Arguments;
        Assert.False(string.IsNullOrEmpty(user), $"{name} runs as root");
        Assert.DoesNotMatch(@"^(root|0)(:.*)?$", user);
        // Ubuntu 24.04 (noble) ships GCC 13's libstdc++; TorchSharp 0.107's wrapper needs it.
        Assert.Matches("noble|24\\.04", stage[0].Arguments);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void It_publishes_the_silo_and_starts_the_assembly_the_project_builds(string name)
    {
        var dockerfile = Read(name);
        var publish = dockerfile.Arguments("RUN").Single(run => run.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("src/Silo/SweepGrid.Silo.csproj", publish, StringComparison.Ordinal);
        var assembly = AssemblyName().Match(File.ReadAllText(RepoRoot.Combine("src", "Silo", "SweepGrid.Silo.csproj"))).Groups[1].Value;
        var entrypoint = File.ReadAllText(RepoRoot.Combine("deploy", "docker", "entrypoint.sh"));
        Assert.Contains($"exec dotnet /app/{assembly}.dll", entrypoint, StringComparison.Ordinal);
        Assert.Contains("-o /app", publish, StringComparison.Ordinal);
        Assert.Contains(dockerfile.FinalStage, instruction => instruction.Keyword == "COPY" && instruction.Arguments.Contains("deploy/docker/entrypoint.sh", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_file_it_copies_from_the_context_exists(string name)
    {
        foreach (var copy in Read(name).Arguments("COPY").Where(arguments => !arguments.Contains("--from=", StringComparison.Ordinal)))
        {
            var words = Dockerfile.Words(copy).Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToList();
            foreach (var source in words.Take(words.Count - 1))
            {
                var path = RepoRoot.Combine(source.Split('/', StringSplitOptions.RemoveEmptyEntries));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{name} copies {source}, which the repository does not have");
            }
        }
    }

    [Fact]
    public void The_cpu_image_ships_libtorch_and_the_cuda_image_takes_pytorchs()
    {
        var cpu = Read("Dockerfile.cpu");
        Assert.DoesNotContain(cpu.Instructions, i => i.Arguments.Contains("TorchBackend=", StringComparison.Ordinal) && !i.Arguments.Contains("TorchBackend=cpu", StringComparison.Ordinal));
        Assert.False(cpu.Environment.ContainsKey("SWEEPGRID_LIBTORCH"));

        var cuda = Read("Dockerfile.cuda");
        Assert.Contains("-p:TorchBackend=external", cuda.Arguments("RUN").Single(run => run.Contains("dotnet publish", StringComparison.Ordinal)), StringComparison.Ordinal);
        var libtorch = cuda.Environment["SWEEPGRID_LIBTORCH"];
        // The build itself proves the folder holds libtorch, so a moved torch fails the build, not the first trial.
        Assert.Contains(cuda.Arguments("RUN"), run => run.Contains($"test -f {libtorch}/libtorch.so", StringComparison.Ordinal));
        Assert.Contains("cuda", cuda.Environment["SWEEPGRID_Workers__Slots"], StringComparison.Ordinal);
        Assert.DoesNotContain("cuda", cpu.Environment["SWEEPGRID_Workers__Slots"], StringComparison.Ordinal);
    }

    [GeneratedRegex("<AssemblyName>([^<]+)</AssemblyName>")]
    private static partial Regex AssemblyName();
}
