using System.Globalization;

namespace SweepGrid.Deploy.Tests;

public sealed class KubernetesTests
{
    private readonly IReadOnlyList<KubernetesWorkload> _workloads = KubernetesWorkload.All();

    private IEnumerable<KubernetesWorkload> Silos => _workloads.Where(workload => workload.IsSilo);

    private static int Port(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Every_workload_selects_its_own_pods()
    {
        Assert.NotEmpty(_workloads);
        Assert.All(_workloads, workload => Assert.True(KubernetesWorkload.Selects(workload.Selector, workload.PodLabels), $"{workload.Name}'s selector misses its pod labels"));
    }

    [Fact]
    public void Silo_container_ports_are_the_ports_the_silo_is_configured_with()
    {
        Assert.NotEmpty(Silos);
        foreach (var silo in Silos)
        {
            var ports = silo.ContainerPorts.Select(port => port.Port).ToList();
            Assert.Contains(Port(silo.Environment["SWEEPGRID_Cluster__SiloPort"]), ports);
            Assert.Contains(Port(silo.Environment["SWEEPGRID_Cluster__GatewayPort"]), ports);
        }
    }

    [Fact]
    public void Silos_cluster_through_redis_and_advertise_their_pod_ip()
    {
        foreach (var silo in Silos)
        {
            Assert.Equal("redis", silo.Environment["SWEEPGRID_Cluster__Mode"]);
            Assert.Equal("redis", silo.Environment["SWEEPGRID_Storage__Provider"]);
            Assert.Equal("status.podIP", silo.FieldRef("SWEEPGRID_Cluster__AdvertisedAddress"));
            Assert.NotNull(silo.Request("cpu"));
            Assert.NotNull(silo.Request("memory"));
        }
    }

    [Fact]
    public void The_gpu_silo_requests_a_gpu_and_has_cuda_slots_on_the_cuda_image()
    {
        var gpu = Silos.Where(silo => silo.Limit("nvidia.com/gpu") is not null).ToList();
        Assert.NotEmpty(gpu);
        Assert.Contains(Silos, silo => silo.Limit("nvidia.com/gpu") is null);
        foreach (var silo in Silos)
        {
            var wantsCuda = silo.Environment.GetValueOrDefault("SWEEPGRID_Workers__Slots", "").Contains("cuda", StringComparison.Ordinal);
            var cudaImage = ReadmeImages.Built.GetValueOrDefault(silo.Image, "").EndsWith("Dockerfile.cuda", StringComparison.Ordinal);
            var gpus = silo.Limit("nvidia.com/gpu") is { } limit ? Port(limit) : 0;
            Assert.True(wantsCuda == gpus > 0, $"{silo.Name}: Workers:Slots with cuda and a nvidia.com/gpu limit go together");
            Assert.True(cudaImage == gpus > 0, $"{silo.Name}: a GPU silo runs the image built from Dockerfile.cuda, a CPU silo the CPU one");
        }
    }

    [Fact]
    public void The_redis_connection_string_names_a_redis_service_of_these_manifests()
    {
        var services = KubernetesWorkload.Services();
        foreach (var silo in Silos)
        {
            var (host, port) = Endpoints.Parse(silo.Environment["SWEEPGRID_Redis__ConnectionString"]);
            var service = services.SingleOrDefault(s => s.At("metadata", "name").Text() == host);
            Assert.True(service is not null, $"{silo.Name}: Redis host '{host}' is no Service in deploy/k8s");
            Assert.Contains(port, service.At("spec", "ports").Items().Select(p => Port(p.Child("port").Text()!)));
            var selector = service.At("spec", "selector").StringMap();
            Assert.Contains(_workloads, workload => KubernetesWorkload.Selects(selector, workload.PodLabels) && workload.Image.StartsWith("redis:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_gateway_service_reaches_every_silo_on_its_gateway_port()
    {
        var gateway = KubernetesWorkload.Services().Where(service =>
            Silos.Any(silo => KubernetesWorkload.Selects(service.At("spec", "selector").StringMap(), silo.PodLabels))).ToList();
        Assert.Single(gateway);
        var selector = gateway[0].At("spec", "selector").StringMap();
        var target = gateway[0].At("spec", "ports").Items().Single().Child("targetPort").Text()!;
        foreach (var silo in Silos)
        {
            Assert.True(KubernetesWorkload.Selects(selector, silo.PodLabels), $"the gateway Service does not select {silo.Name}");
            var resolved = silo.ContainerPorts.SingleOrDefault(port => port.Name == target || port.Port.ToString(CultureInfo.InvariantCulture) == target);
            Assert.Equal(Port(silo.Environment["SWEEPGRID_Cluster__GatewayPort"]), resolved.Port);
        }
    }

    [Fact]
    public void Silo_images_are_the_ones_the_readme_builds()
    {
        foreach (var silo in Silos)
        {
            Assert.True(ReadmeImages.Built.ContainsKey(silo.Image), $"{silo.Name} runs {silo.Image}, which deploy/README.md does not build");
        }
    }

    [Fact]
    public void Telemetry_if_sent_goes_to_a_service_of_these_manifests()
    {
        var names = KubernetesWorkload.Services().Select(service => service.At("metadata", "name").Text()).ToHashSet();
        foreach (var silo in Silos)
        {
            if (silo.Environment.TryGetValue("OTEL_EXPORTER_OTLP_ENDPOINT", out var endpoint))
            {
                Assert.Contains(Endpoints.Parse(endpoint).Host, names);
            }
        }
    }
}
