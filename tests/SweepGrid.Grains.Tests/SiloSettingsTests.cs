using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SweepGrid.Grains.Dispatch;
using SweepGrid.Silo.Hosting;
using SweepGrid.Silo.Settings;
using SweepGrid.Silo.Workers;

namespace SweepGrid.Grains.Tests;

/// <summary>Settings are bound and checked once, before a silo is built: a bad one names its key, the value given and what is allowed.</summary>
public sealed class SiloSettingsTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        // settings (KEY=VALUE;…), the key the error names, a fragment of its message (the value and what is allowed)
        { "Cluster:Mode=redsi", "Cluster:Mode", "Cluster:Mode 'redsi' is not known: use localhost or redis" },
        { "Cluster:Mode=1", "Cluster:Mode", "Cluster:Mode '1' is not known: use localhost or redis" },
        { "Cluster:SiloPort=70000", "Cluster:SiloPort", "Cluster:SiloPort '70000' is not a port: use 1 to 65535" },
        { "Cluster:GatewayPort=0", "Cluster:GatewayPort", "Cluster:GatewayPort '0' is not a port: use 1 to 65535" },
        { "Cluster:SiloPort=eleven", "Cluster:SiloPort", "Cluster:SiloPort 'eleven' is not a whole number" },
        { "Cluster:SiloPort=30000", "Cluster:GatewayPort", "Cluster:GatewayPort '30000' is Cluster:SiloPort too" },
        { "Cluster:Kubernetes=yes", "Cluster:Kubernetes", "Cluster:Kubernetes 'yes' is not known: use true or false" },
        { "Cluster:Kubernetes=true", "Cluster:Kubernetes", "Cluster:Kubernetes=true works only with Cluster:Mode redis, not 'localhost'" },
        { "Cluster:AdvertisedAddress=gpu-node-1", "Cluster:AdvertisedAddress", "Cluster:AdvertisedAddress 'gpu-node-1' is not an IP address" },
        { "Cluster:Mode=redis", "Redis:ConnectionString", "Redis:ConnectionString is not set, and Cluster:Mode=redis needs it: give the Redis server as host:port" },
        { "Storage:Provider=redis", "Redis:ConnectionString", "Redis:ConnectionString is not set, and Storage:Provider=redis needs it" },
        { "Storage:Provider=redis;Redis:ConnectionString=127.0.0.1:6379,nosuchoption=1", "Redis:ConnectionString", "Redis:ConnectionString is not a Redis connection string" },
        { "Storage:Provider=postgres", "Storage:Provider", "Storage:Provider 'postgres' is not known: use sqlite or redis" },
        { "Storage:SqlitePath= ", "Storage:SqlitePath", "Storage:SqlitePath ' ' is empty" },
        { "Tls:CertificatePath=/nonexistent/cluster.pfx", "Tls:CertificatePath", "Tls:CertificatePath '/nonexistent/cluster.pfx' does not exist" },
        { "Tls:CaPath=/nonexistent/ca.pem", "Tls:CaPath", "Tls:CaPath '/nonexistent/ca.pem' does not exist: give the cluster CA's certificate as a PEM or DER file" },
        { $"Tls:CaPath={typeof(SiloSettingsTests).Assembly.Location}", "Tls:CertificatePath", "Tls:CertificatePath is not set, and Tls:CaPath" },
        { "Tls:AllowedThumbprints=AB:CD", "Tls:AllowedThumbprints", "Tls:AllowedThumbprints entry 'AB:CD' is not a certificate thumbprint: give SHA-1 thumbprints of 40 hex digits" },
        { "Workers:Slots=gpu x2", "Workers:Slots", "Workers:Slots entry 'gpu x2' names device 'gpu': use cpu, cuda or cuda:N" },
        { "Workers:Slots=cpu x0", "Workers:Slots", "Workers:Slots entry 'cpu x0' has a bad count: write DEVICE xN with N a positive number" },
        { "Workers:Slots=x", "Workers:Slots", "Workers:Slots entry 'x' names device '': use cpu, cuda or cuda:N" },
        { "Workers:Slots=cuda:0 x1 bundle 0", "Workers:Slots", "Workers:Slots entry 'cuda:0 x1 bundle 0' has bundle '0': give a whole number of trials from 1 (no fusing) to 1024, or auto" },
        { "Workers:Slots=cpu bundle many", "Workers:Slots", "Workers:Slots entry 'cpu bundle many' has bundle 'many'" },
        { "Workers:Slots=cpu bundle", "Workers:Slots", "Workers:Slots entry 'cpu bundle' has a bad bundle: write DEVICE xN bundle K" },
        { "Workers:Slots=cpu bundle 4 x2", "Workers:Slots", "Workers:Slots entry 'cpu bundle 4 x2' has a bad bundle" },
        { "Workers:Executor=jax", "Workers:Executor", "Workers:Executor 'jax' is not known: use torch or fake" },
        { "Workers:ThreadsPerTrial=0", "Workers:ThreadsPerTrial", "Workers:ThreadsPerTrial '0' is too few: give 1 or more" },
        { "Workers:CheckpointRoot= ", "Workers:CheckpointRoot", "Workers:CheckpointRoot ' ' is empty" },
        { "Workers:AcquireWait=00:00:00", "Workers:AcquireWait", "Workers:AcquireWait '00:00:00' is not positive" },
        { "Workers:ClusterPatience=-00:00:01", "Workers:ClusterPatience", "Workers:ClusterPatience '-00:00:01' is negative" },
        { "Dispatcher:LeaseTimeout=00:00:00", "Dispatcher:LeaseTimeout", "Dispatcher:LeaseTimeout '00:00:00' is not positive" },
        { "Dispatcher:LeaseTimeout=-00:00:05", "Dispatcher:LeaseTimeout", "Dispatcher:LeaseTimeout '-00:00:05' is not positive" },
        { "Dispatcher:LeaseTimeout=soon", "Dispatcher:LeaseTimeout", "Dispatcher:LeaseTimeout 'soon' is not a duration: write [d.]hh:mm:ss[.fff] (e.g. 00:00:30)" },
        { "Dispatcher:ExpiryCheckInterval=00:00:00", "Dispatcher:ExpiryCheckInterval", "Dispatcher:ExpiryCheckInterval '00:00:00' is not positive" },
        { "Dispatcher:ResyncInterval=00:00:30", "Dispatcher:ResyncInterval", "Dispatcher:ResyncInterval '00:00:30' is under a minute, Orleans' shortest reminder period: give 00:01:00 or more" },
        { "Dispatcher:RetainedEvents=0", "Dispatcher:RetainedEvents", "Dispatcher:RetainedEvents '0' is not positive: give how many of a sweep's latest events are kept for watchers (default 20000)" },
        { "FakeExecutor:EpochDuration=-00:00:01", "FakeExecutor:EpochDuration", "FakeExecutor:EpochDuration '-00:00:01' is negative" },
        { "Logging:Folder= ", "Logging:Folder", "Logging:Folder ' ' is empty" },
        { "Logging:Console=maybe", "Logging:Console", "Logging:Console 'maybe' is not known: use true or false" },
        { "Dashboard:Enabled=on", "Dashboard:Enabled", "Dashboard:Enabled 'on' is not known: use true or false" },
        { "Dashboard:Port=0", "Dashboard:Port", "Dashboard:Port '0' is not a port: use 1 to 65535 (default 8080)" },
        { "Dashboard:Port=65536", "Dashboard:Port", "Dashboard:Port '65536' is not a port: use 1 to 65535" },
        { "Dashboard:Bind=localhost", "Dashboard:Bind", "Dashboard:Bind 'localhost' is not an IP address: use 127.0.0.1 (this machine only, the default), 0.0.0.0" },
        { "Dashboard:Enabled=true;Dashboard:Port=30000", "Dashboard:Port", "Dashboard:Port '30000' is the silo's Cluster:SiloPort or Cluster:GatewayPort too" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_names_its_key_the_value_and_what_is_allowed(string settings, string key, string fragment)
    {
        var e = Assert.Throws<SiloConfigurationException>(() => SweepGridSettings.Load(Configuration(settings)));

        Assert.Equal(key, e.Key);
        Assert.Contains(fragment, e.Message);
        Assert.Contains(key, KnownKeys());
    }

    [Theory]
    [InlineData("cpu x2", "cpu,cpu", "9,9")]
    [InlineData("cuda:0 x1 bundle 27, cpu bundle 1", "cuda:0,cpu", "27,1")]
    [InlineData("cuda x2 BUNDLE 9", "cuda:0,cuda:0", "9,9")]
    [InlineData("cpu×1 bundle auto, cuda:1", "cpu,cuda:1", "9,27")]
    public void Slots_name_their_device_and_how_many_trials_each_trains_fused(string text, string devices, string members)
    {
        var slots = WorkerSlots.Parse(text);

        Assert.Equal(devices, string.Join(",", slots.Select(s => s.Device)));
        Assert.Equal(members, string.Join(",", slots.Select(s => s.Members)));
    }

    [Fact]
    public void Unset_settings_are_the_documented_defaults()
    {
        var settings = SweepGridSettings.Load(Configuration(""));

        Assert.Equal(ClusterMode.Localhost, settings.Cluster.Mode);
        Assert.Equal((11111, 30000), (settings.Cluster.SiloPort, settings.Cluster.GatewayPort));
        Assert.False(settings.Cluster.Kubernetes);
        Assert.Equal(StorageProvider.Sqlite, settings.Storage.Provider);
        Assert.Equal(Path.Combine("results", "sweepgrid.db"), settings.Storage.SqlitePath);
        Assert.Null(settings.Tls.CertificatePath);
        Assert.Null(settings.Tls.CaPath);
        Assert.Empty(settings.Tls.AllowedThumbprints);
        Assert.Equal(("cpu x1", WorkerExecutor.Torch, 1), (settings.Workers.Slots, settings.Workers.Executor, settings.Workers.ThreadsPerTrial));
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Dispatcher.LeaseTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.Dispatcher.ResyncInterval);
        Assert.Equal(("logs", true), (settings.Logging.Folder, settings.Logging.Console));
    }

    [Fact]
    public void Settings_are_read_as_the_deploy_manifests_and_environment_variables_give_them()
    {
        var settings = SweepGridSettings.Load(Configuration(
            "Cluster:Mode=Redis;Storage:Provider=REDIS;Redis:ConnectionString=redis:6379;Cluster:AdvertisedAddress=10.0.0.12;Cluster:SiloPort=;" +
            "Tls:AllowedThumbprints=0123456789abcdef0123456789abcdef01234567, 01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67;" +
            "Workers:Executor=fake;Workers:Slots=;Dispatcher:LeaseTimeout=00:00:10"));

        Assert.Equal(ClusterMode.Redis, settings.Cluster.Mode);
        Assert.Equal(StorageProvider.Redis, settings.Storage.Provider);
        Assert.Equal("10.0.0.12", settings.Cluster.AdvertisedAddress?.ToString());
        // An empty value keeps the default, as an unset one does; an empty slot list is a silo that trains nothing.
        Assert.Equal(11111, settings.Cluster.SiloPort);
        Assert.Equal("", settings.Workers.Slots);
        Assert.Equal(2, settings.Tls.AllowedThumbprints.Length);
        Assert.Equal(WorkerExecutor.Fake, settings.Workers.Executor);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Dispatcher.LeaseTimeout);
    }

    [Fact]
    public void The_grains_and_workers_get_the_settings_as_their_options()
    {
        var services = new ServiceCollection();
        SweepGridSettings.Load(Configuration("Workers:ThreadsPerTrial=3;Dispatcher:LeaseTimeout=00:00:07;FakeExecutor:Checkpoints=false")).AddTo(services);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(3, provider.GetRequiredService<IOptions<WorkerOptions>>().Value.ThreadsPerTrial);
        Assert.Equal(TimeSpan.FromSeconds(7), provider.GetRequiredService<IOptions<DispatcherOptions>>().Value.LeaseTimeout);
        Assert.False(provider.GetRequiredService<IOptions<FakeExecutorOptions>>().Value.Checkpoints);
    }

    [Fact]
    public void A_client_judges_only_its_cluster_identity_and_tls()
    {
        // A silo's environment that a client shares: the silo-only sections are not the client's to refuse.
        var client = SweepGridSettings.LoadForClient(Configuration("Workers:Slots=gpu;Storage:Provider=redis;Cluster:ClusterId=prod"));

        Assert.Equal("prod", client.Cluster.ClusterId);
        var e = Assert.Throws<SiloConfigurationException>(() => SweepGridSettings.LoadForClient(Configuration("Tls:CertificatePath=/nonexistent/cluster.pfx")));
        Assert.Equal("Tls:CertificatePath", e.Key);
    }

    [Fact]
    public void Every_settings_property_has_a_type_the_binder_reads()
    {
        // Text no type accepts everywhere: each property either takes it or refuses it by key, never "cannot read this type".
        foreach (var section in SweepGridSettings.All)
        {
            foreach (var property in SettingsBinder.Properties(section.Type))
            {
                var configuration = Configuration($"{section.Name}:{property.Name}=not-a-value");
                var e = Record.Exception(() => SettingsBinder.Bind(configuration.GetSection(section.Name), section.Type));
                Assert.True(e is null or SiloConfigurationException, $"{section.Name}:{property.Name}: {e}");
            }
        }
    }

    private static IConfiguration Configuration(string settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => new KeyValuePair<string, string?>(pair[0], pair[1]))).Build();

    private static HashSet<string> KnownKeys() =>
        SweepGridSettings.All.SelectMany(section => SettingsBinder.Properties(section.Type).Select(property => $"{section.Name}:{property.Name}")).ToHashSet();
}
