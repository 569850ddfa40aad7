using System.Text.RegularExpressions;
using SweepGrid.Silo.Settings;

namespace SweepGrid.Deploy.Tests;

public sealed partial class ConfigurationKeyTests
{
    [Theory]
    [InlineData("Cluster:Mode")]
    [InlineData("Cluster:SiloPort")]
    [InlineData("Cluster:GatewayPort")]
    [InlineData("Cluster:ClusterId")]
    [InlineData("Cluster:ServiceId")]
    [InlineData("Cluster:AdvertisedAddress")]
    [InlineData("Cluster:SiloName")]
    [InlineData("Cluster:Kubernetes")]
    [InlineData("Storage:Provider")]
    [InlineData("Storage:SqlitePath")]
    [InlineData("Redis:ConnectionString")]
    [InlineData("Tls:CertificatePath")]
    [InlineData("Tls:CaPath")]
    [InlineData("Tls:AllowedThumbprints")]
    [InlineData("Workers:Slots")]
    [InlineData("Workers:CheckpointRoot")]
    [InlineData("Workers:ThreadsPerTrial")]
    [InlineData("Workers:Executor")]
    [InlineData("Workers:ClusterPatience")]
    [InlineData("Workers:TensorBoardRoot")]
    [InlineData("Workers:TensorBoardPerSweep")]
    [InlineData("Logging:Folder")]
    [InlineData("Logging:Console")]
    [InlineData("Dispatcher:LeaseTimeout")]
    [InlineData("Dispatcher:ResyncInterval")]
    [InlineData("FakeExecutor:EpochDuration")]
    public void The_options_types_give_the_keys_the_silo_reads(string key) =>
        Assert.Contains(key, KnownConfiguration.OptionsKeys);

    [Fact]
    public void The_source_scan_finds_the_keys_still_read_directly() =>
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", KnownConfiguration.DirectKeys);

    [Fact]
    public void Every_options_type_has_its_own_section_and_keys()
    {
        Assert.All(SweepGridSettings.All, section =>
        {
            Assert.Equal(KnownConfiguration.SectionOf(section.Type), section.Name);
            Assert.Contains(KnownConfiguration.OptionsKeys, key => key.StartsWith(section.Name + ":", StringComparison.Ordinal));
        });
        Assert.Equal(SweepGridSettings.All.Count, SweepGridSettings.All.Select(section => section.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void No_code_reads_a_key_of_an_options_section_around_its_options_type()
    {
        var sections = KnownConfiguration.Sections.Values.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var bypassing = KnownConfiguration.DirectKeys.Where(key => sections.Contains(key.Split(':')[0])).ToList();
        Assert.True(bypassing.Count == 0, "read as raw strings, not through their options type (SweepGridSettings): " + string.Join(", ", bypassing));
    }

    [Fact]
    public void The_known_keys_and_variables_are_the_ones_read_and_nothing_they_should_not_be()
    {
        Assert.Contains("SWEEPGRID_LIBTORCH", KnownConfiguration.DirectVariables);
        Assert.Contains("SWEEPGRID_CLUSTER", KnownConfiguration.DirectVariables);
        Assert.False(KnownConfiguration.IsRead("SWEEPGRID_Workers__Slot"));
        Assert.False(KnownConfiguration.IsRead("SWEEPGRID_Cluster__Gateway"));
        Assert.True(KnownConfiguration.IsRead("SWEEPGRID_Workers__Slots"));
    }

    [Fact]
    public void Every_SWEEPGRID_variable_in_the_deployment_is_one_the_code_reads()
    {
        var unknown = DeployFiles.AllTextFiles
            .SelectMany(path => Variable().Matches(File.ReadAllText(path))
                .Select(match => (File: Path.GetRelativePath(RepoRoot.Path, path), Name: match.Value)))
            .Where(found => !KnownConfiguration.IsRead(found.Name))
            .Select(found => $"{found.File}: {found.Name}")
            .Distinct().ToList();
        Assert.True(unknown.Count == 0, "variables no code reads:\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void Every_environment_entry_of_a_silo_is_SweepGrid_configuration_or_one_the_runtime_reads()
    {
        var silos = ComposeService.All().Where(service => service.IsSilo).SelectMany(service => service.Environment.Keys)
            .Concat(KubernetesWorkload.All().Where(workload => workload.IsSilo).SelectMany(workload => workload.Environment.Keys))
            .Concat(DeployFiles.Dockerfiles.Select(Dockerfile.Read).SelectMany(dockerfile => dockerfile.Environment.Keys));
        var unknown = silos.Where(name => !KnownConfiguration.IsRead(name) && !KnownConfiguration.Keys.Contains(name) && !ReadByTheRuntime(name))
            .Distinct().ToList();
        Assert.True(unknown.Count == 0, "silo environment nothing reads: " + string.Join(", ", unknown));
    }

    // The dynamic loader, the NVIDIA container toolkit and Orleans' Kubernetes hosting read these, not SweepGrid.
    private static bool ReadByTheRuntime(string name) =>
        name is "LD_LIBRARY_PATH" or "NVIDIA_VISIBLE_DEVICES" or "NVIDIA_DRIVER_CAPABILITIES" || OrleansKubernetesHosting.Variables.ContainsKey(name);

    [GeneratedRegex(@"\bSWEEPGRID_[A-Za-z0-9_]*[A-Za-z0-9]")]
    private static partial Regex Variable();
}
