using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SweepGrid.Grains.Dispatch;
using SweepGrid.Silo.Hosting;
using SweepGrid.Silo.Workers;

namespace SweepGrid.Silo.Settings;

/// <summary>
/// A silo's settings, read from configuration once: every section of <see cref="All"/> bound to its options type and
/// checked by its validator before anything is built, so a setting that cannot work stops the silo at once with a
/// <see cref="SiloConfigurationException"/> (exit code 2 in the CLI and the standalone silo).
/// </summary>
public sealed class SweepGridSettings
{
    /// <summary>Every section SweepGrid reads, in the order they are checked. Hosting binds, checks and registers these;
    /// the deploy tests take the configuration keys from them, so a section cannot be read without being known.</summary>
    public static IReadOnlyList<SettingsSection> All { get; } =
    [
        SettingsSection.Of<ClusteringOptions>(ClusteringOptions.Section, new ClusteringOptionsValidator()),
        SettingsSection.Of<StorageOptions>(StorageOptions.Section, new StorageOptionsValidator()),
        SettingsSection.Of<RedisOptions>(RedisOptions.Section, new RedisOptionsValidator()),
        SettingsSection.Of<ClusterTlsOptions>(ClusterTlsOptions.Section, new ClusterTlsOptionsValidator()),
        SettingsSection.Of<WorkerOptions>(WorkerOptions.Section, new WorkerOptionsValidator()),
        SettingsSection.Of<DispatcherOptions>(DispatcherOptions.Section, new DispatcherOptionsValidator()),
        SettingsSection.Of<FakeExecutorOptions>(FakeExecutorOptions.Section, new FakeExecutorOptionsValidator()),
        SettingsSection.Of<LoggingOptions>(LoggingOptions.Section, new LoggingOptionsValidator()),
        SettingsSection.Of<DashboardOptions>(DashboardOptions.Section, new DashboardOptionsValidator()),
    ];

    private readonly IReadOnlyList<SettingsSection> _sections;
    private readonly Dictionary<Type, object> _bound;

    private SweepGridSettings(IReadOnlyList<SettingsSection> sections, Dictionary<Type, object> bound)
    {
        _sections = sections;
        _bound = bound;
    }

    public ClusteringOptions Cluster => Get<ClusteringOptions>();

    public StorageOptions Storage => Get<StorageOptions>();

    public RedisOptions Redis => Get<RedisOptions>();

    public ClusterTlsOptions Tls => Get<ClusterTlsOptions>();

    public WorkerOptions Workers => Get<WorkerOptions>();

    public DispatcherOptions Dispatcher => Get<DispatcherOptions>();

    public FakeExecutorOptions FakeExecutor => Get<FakeExecutorOptions>();

    public LoggingOptions Logging => Get<LoggingOptions>();

    public DashboardOptions Dashboard => Get<DashboardOptions>();

    /// <summary>Every section of <see cref="All"/>, bound and checked.</summary>
    public static SweepGridSettings Load(IConfiguration configuration) => Load(configuration, All);

    /// <summary>What a client of a running cluster needs (its cluster and service ids, TLS), bound and checked; the silo's
    /// other sections may be set in the same environment for a silo and are not the client's to judge.</summary>
    public static SweepGridSettings LoadForClient(IConfiguration configuration) =>
        Load(configuration, All.Where(section => section.Type == typeof(ClusteringOptions) || section.Type == typeof(ClusterTlsOptions)).ToList());

    public T Get<T>()
        where T : class =>
        _bound.TryGetValue(typeof(T), out var options)
            ? (T)options
            : throw new InvalidOperationException($"{typeof(T).Name} is not among the sections loaded ({string.Join(", ", _sections.Select(section => section.Name))})");

    /// <summary>Each section as IOptions&lt;T&gt; for the grains and services (DispatcherGrain, TrialWorkerService, the executors).</summary>
    public void AddTo(IServiceCollection services)
    {
        foreach (var section in _sections)
        {
            section.Register(services, _bound[section.Type]);
        }
    }

    private static SweepGridSettings Load(IConfiguration configuration, IReadOnlyList<SettingsSection> sections)
    {
        var settings = new SweepGridSettings(sections, sections.ToDictionary(section => section.Type, section => SettingsBinder.Bind(configuration.GetSection(section.Name), section.Type)));
        foreach (var section in sections)
        {
            section.Validator.Validate(settings);
        }

        return settings;
    }
}
