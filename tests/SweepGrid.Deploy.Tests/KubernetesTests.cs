using System.Globalization;
using Orleans.Hosting.Kubernetes;

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
    public void Silos_serve_the_orleans_dashboard_on_their_dashboard_container_port()
    {
        // The port and the address come from the images (Dockerfile ENV) unless the pod spec sets them.
        var image = Dockerfile.Read(RepoRoot.Combine("deploy", "docker", "Dockerfile.cpu")).Environment;
        foreach (var silo in Silos)
        {
            Assert.Equal("true", silo.Environment["SWEEPGRID_Dashboard__Enabled"]);
            var port = Port(silo.Environment.GetValueOrDefault("SWEEPGRID_Dashboard__Port") ?? image["SWEEPGRID_Dashboard__Port"]);
            Assert.Contains(("dashboard", port), silo.ContainerPorts);
            Assert.Equal("0.0.0.0", silo.Environment.GetValueOrDefault("SWEEPGRID_Dashboard__Bind") ?? image["SWEEPGRID_Dashboard__Bind"]);
        }
    }

    [Fact]
    public void Silos_cluster_through_redis_with_orleans_kubernetes_hosting()
    {
        Assert.NotEmpty(Silos);
        foreach (var silo in Silos)
        {
            Assert.Equal("redis", silo.Environment["SWEEPGRID_Cluster__Mode"]);
            Assert.Equal("redis", silo.Environment["SWEEPGRID_Storage__Provider"]);
            Assert.Equal("true", silo.Environment.GetValueOrDefault("SWEEPGRID_Cluster__Kubernetes"));
            // Kubernetes hosting names the silo after its pod and advertises POD_IP; either setting would override it.
            Assert.False(silo.Environment.ContainsKey("SWEEPGRID_Cluster__SiloName"), $"{silo.Name}: Cluster:SiloName must be the pod name, which Kubernetes hosting sets");
            Assert.False(silo.Environment.ContainsKey("SWEEPGRID_Cluster__AdvertisedAddress"), $"{silo.Name} fixes Cluster:AdvertisedAddress instead of advertising POD_IP");
            Assert.NotNull(silo.Request("cpu"));
            Assert.NotNull(silo.Request("memory"));
        }
    }

    [Fact]
    public void Silos_get_what_kubernetes_hosting_reads_from_the_downward_api()
    {
        foreach (var silo in Silos)
        {
            foreach (var (variable, field) in OrleansKubernetesHosting.Variables)
            {
                Assert.True(field == silo.FieldRef(variable), $"{silo.Name}: {variable} should come from the downward API's {field}, not '{silo.FieldRef(variable)}'");
            }

            foreach (var label in OrleansKubernetesHosting.Labels)
            {
                Assert.False(string.IsNullOrEmpty(silo.PodLabels.GetValueOrDefault(label)), $"{silo.Name}'s pods have no {label} label");
            }

            // The silo refuses to start when its configuration names another cluster than its pod's labels.
            foreach (var (key, label) in new[] { ("SWEEPGRID_Cluster__ClusterId", KubernetesHostingOptions.ClusterIdLabel), ("SWEEPGRID_Cluster__ServiceId", KubernetesHostingOptions.ServiceIdLabel) })
            {
                if (silo.Environment.TryGetValue(key, out var configured))
                {
                    Assert.Equal(silo.PodLabels[label], configured);
                }
            }
        }

        // CPU and GPU silos are one cluster: the same ids, and each one's pod watch sees the others' pods.
        foreach (var label in OrleansKubernetesHosting.Labels)
        {
            Assert.Single(Silos.Select(silo => silo.PodLabels.GetValueOrDefault(label)).Distinct());
        }
    }

    [Fact]
    public void Silo_pods_run_as_a_service_account_that_may_watch_patch_and_delete_pods()
    {
        foreach (var silo in Silos)
        {
            var account = silo.ServiceAccountName;
            Assert.False(string.IsNullOrEmpty(account), $"{silo.Name} runs as the namespace's default service account");
            var serviceAccount = KubernetesRbac.ServiceAccount(account);
            Assert.True(serviceAccount is not null, $"{silo.Name}'s service account '{account}' is no ServiceAccount in deploy/k8s");
            Assert.True(silo.MountsServiceAccountToken && serviceAccount.Child("automountServiceAccountToken").Text() != "false",
                $"{silo.Name} gets no service account token, so Kubernetes hosting cannot reach the API");
            var granted = KubernetesRbac.PodVerbs(account);
            var missing = OrleansKubernetesHosting.PodVerbs.Where(verb => !granted.Contains(verb)).ToList();
            Assert.True(missing.Count == 0, $"{account} may not {string.Join(", ", missing)} pods (a RoleBinding to a Role with those verbs on pods)");
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
    public void The_redis_connection_string_the_readme_puts_in_the_silos_secret_names_a_redis_service_of_these_manifests()
    {
        var services = KubernetesWorkload.Services();
        foreach (var silo in Silos)
        {
            var (secret, key) = silo.SecretRef("SWEEPGRID_Redis__ConnectionString") ?? throw new Xunit.Sdk.XunitException($"{silo.Name} takes Redis:ConnectionString from no Secret");
            var connection = ReadmeSecrets.Created.GetValueOrDefault(secret)?.GetValueOrDefault(key);
            Assert.True(connection is not null, $"deploy/README.md creates no Secret {secret} with the key {key} that {silo.Name} reads");
            var (host, port) = Endpoints.Parse(connection);
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
