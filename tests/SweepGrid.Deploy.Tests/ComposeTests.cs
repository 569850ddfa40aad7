namespace SweepGrid.Deploy.Tests;

public sealed class ComposeTests
{
    private readonly IReadOnlyList<ComposeService> _services = ComposeService.All();

    private IEnumerable<ComposeService> Silos => _services.Where(service => service.IsSilo);

    [Fact]
    public void It_runs_redis_two_silos_a_collector_and_jaeger()
    {
        Assert.Equal(2, Silos.Count());
        Assert.Contains(_services, service => service.Image.StartsWith("redis:", StringComparison.Ordinal));
        Assert.Contains(_services, service => service.Image.Contains("opentelemetry-collector", StringComparison.Ordinal));
        Assert.Contains(_services, service => service.Image.StartsWith("jaegertracing/", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_gateway_the_dashboard_jaeger_ui_and_redis_are_published_and_only_to_loopback()
    {
        foreach (var service in _services)
        {
            foreach (var (host, port) in service.Published)
            {
                Assert.True(host == "127.0.0.1", $"{service.Name} publishes {port} on '{host}', not 127.0.0.1");
                var allowed = service.IsSilo ? port == int.Parse(service.Environment["SWEEPGRID_Cluster__GatewayPort"], System.Globalization.CultureInfo.InvariantCulture) || port == DashboardPort(service)
                    : service.Image.StartsWith("jaegertracing/", StringComparison.Ordinal) ? port == 16686
                    : service.Image.StartsWith("redis:", StringComparison.Ordinal) && port == 6379;
                Assert.True(allowed, $"{service.Name} publishes port {port}, which is neither a silo's gateway or dashboard, the Jaeger UI nor Redis");
            }
        }

        Assert.Contains(Silos, silo => silo.Published.Count > 0);
        Assert.Contains(_services, service => service.Published.Any(published => published.ContainerPort == 16686));
    }

    [Fact]
    public void Every_silo_serves_the_dashboard_on_a_port_it_exposes_and_one_publishes_it()
    {
        foreach (var silo in Silos)
        {
            Assert.Equal("true", silo.Environment["SWEEPGRID_Dashboard__Enabled"]);
            Assert.Contains(DashboardPort(silo), silo.Exposed);
        }

        Assert.Contains(Silos, silo => silo.Published.Contains(("127.0.0.1", DashboardPort(silo))));
    }

    /// <summary>The silo's Dashboard:Port: its own environment's, else its image's (Dockerfile ENV).</summary>
    private static int DashboardPort(ComposeService silo) => int.Parse(
        silo.Environment.GetValueOrDefault("SWEEPGRID_Dashboard__Port")
        ?? Dockerfile.Read(RepoRoot.Combine("deploy", "docker", "Dockerfile.cpu")).Environment["SWEEPGRID_Dashboard__Port"],
        System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Each_silo_exposes_the_ports_its_configuration_names_and_clusters_through_redis()
    {
        foreach (var silo in Silos)
        {
            var env = silo.Environment;
            Assert.Equal("redis", env["SWEEPGRID_Cluster__Mode"]);
            Assert.Equal("redis", env["SWEEPGRID_Storage__Provider"]);
            Assert.Contains(int.Parse(env["SWEEPGRID_Cluster__SiloPort"], System.Globalization.CultureInfo.InvariantCulture), silo.Exposed);
            Assert.Contains(int.Parse(env["SWEEPGRID_Cluster__GatewayPort"], System.Globalization.CultureInfo.InvariantCulture), silo.Exposed);
            // A fixed address would be wrong for one of the two (they share the environment): the entrypoint takes the container's.
            Assert.False(env.ContainsKey("SWEEPGRID_Cluster__AdvertisedAddress"), $"{silo.Name} fixes Cluster:AdvertisedAddress");
            // Not in a pod: a silo asked for Kubernetes hosting here would refuse to start.
            Assert.False(env.ContainsKey("SWEEPGRID_Cluster__Kubernetes"), $"{silo.Name} asks for Kubernetes hosting outside Kubernetes");
        }
    }

    [Fact]
    public void The_redis_connection_string_names_the_redis_service()
    {
        foreach (var silo in Silos)
        {
            var (host, port) = Endpoints.Parse(silo.Environment["SWEEPGRID_Redis__ConnectionString"]);
            var redis = _services.SingleOrDefault(service => service.Name == host);
            Assert.True(redis is not null, $"{silo.Name}: Redis host '{host}' is no service of compose.yaml");
            Assert.StartsWith("redis:", redis.Image, StringComparison.Ordinal);
            Assert.Equal(6379, port);
        }
    }

    [Fact]
    public void The_silos_send_telemetry_to_the_collector_on_a_port_it_receives_on()
    {
        var receivers = Yaml.LoadDocuments(DeployFiles.CollectorConfig).Single().At("receivers", "otlp", "protocols").Entries()
            .Select(protocol => Endpoints.Parse(protocol.Value.Child("endpoint").Text()!).Port).ToList();
        foreach (var silo in Silos)
        {
            Assert.True(silo.Environment.TryGetValue("OTEL_EXPORTER_OTLP_ENDPOINT", out var endpoint), $"{silo.Name} exports no telemetry");
            var (host, port) = Endpoints.Parse(endpoint);
            var collector = _services.SingleOrDefault(service => service.Name == host);
            Assert.True(collector is not null, $"{silo.Name}: OTLP endpoint host '{host}' is no service of compose.yaml");
            Assert.Contains("opentelemetry-collector", collector.Image, StringComparison.Ordinal);
            Assert.Contains(port, receivers);
            Assert.Contains(port, collector.Exposed);
        }
    }

    [Fact]
    public void The_collector_reads_the_shipped_config_and_sends_traces_to_jaeger()
    {
        var collector = _services.Single(service => service.Image.Contains("opentelemetry-collector", StringComparison.Ordinal));
        var composeFolder = Path.GetDirectoryName(DeployFiles.ComposeFile)!;
        var mount = collector.Volumes.Single(volume => Path.GetFullPath(Path.Combine(composeFolder, volume.Source)) == DeployFiles.CollectorConfig);
        Assert.Contains($"--config={mount.Target}", collector.Node.Child("command").Items().Select(item => item.Text()));

        var config = Yaml.LoadDocuments(DeployFiles.CollectorConfig).Single();
        var exporters = config.At("service", "pipelines", "traces", "exporters").Items().Select(item => item.Text()!).ToList();
        var jaeger = exporters.Select(name => config.At("exporters", name, "endpoint").Text()).OfType<string>().Select(Endpoints.Parse)
            .Where(endpoint => _services.Any(service => service.Name == endpoint.Host && service.Image.StartsWith("jaegertracing/", StringComparison.Ordinal)))
            .ToList();
        Assert.True(jaeger.Count == 1, "the traces pipeline exports to no Jaeger service of compose.yaml");
        Assert.Contains(jaeger[0].Port, new[] { 4317, 4318 });
    }

    [Fact]
    public void Every_silo_mounts_one_shared_checkpoint_volume_at_its_checkpoint_root()
    {
        var sources = Silos.Select(silo =>
        {
            var root = silo.Environment["SWEEPGRID_Workers__CheckpointRoot"];
            return silo.Volumes.SingleOrDefault(volume => volume.Target == root).Source;
        }).ToList();
        Assert.All(sources, source => Assert.False(string.IsNullOrEmpty(source), "a silo does not mount a volume at its Workers:CheckpointRoot"));
        Assert.Single(sources.Distinct());
        var declared = Yaml.LoadDocuments(DeployFiles.ComposeFile).Single().Child("volumes").Entries().Select(entry => entry.Key);
        Assert.Contains(sources[0], declared);
    }

    [Fact]
    public void The_silo_image_is_built_from_a_dockerfile_that_exists_as_the_readme_says()
    {
        var built = _services.Where(service => service.Node.Child("build") is not null).ToList();
        Assert.NotEmpty(built);
        foreach (var service in built)
        {
            var context = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(DeployFiles.ComposeFile)!, service.Node.At("build", "context").Text()!));
            Assert.Equal(RepoRoot.Path.TrimEnd(Path.DirectorySeparatorChar), context.TrimEnd(Path.DirectorySeparatorChar));
            var dockerfile = service.Node.At("build", "dockerfile").Text()!;
            Assert.True(File.Exists(Path.Combine(context, dockerfile)), $"{service.Name}: {dockerfile} does not exist");
            Assert.True(ReadmeImages.Built.TryGetValue(service.Image, out var readme), $"deploy/README.md does not build {service.Image}");
            Assert.Equal(readme, dockerfile);
        }
    }
}
