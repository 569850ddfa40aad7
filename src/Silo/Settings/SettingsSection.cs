using Microsoft.Extensions.DependencyInjection;

namespace SweepGrid.Silo.Settings;

/// <summary>One options type, the configuration section it binds, its validator, and how it reaches the grains and services (IOptions&lt;T&gt;).</summary>
public sealed class SettingsSection
{
    private readonly Action<IServiceCollection, object> _register;

    private SettingsSection(Type type, string name, ISettingsValidator validator, Action<IServiceCollection, object> register)
    {
        Type = type;
        Name = name;
        Validator = validator;
        _register = register;
    }

    public Type Type { get; }

    /// <summary>The section's name, the options type's Section constant (Cluster, Workers, …).</summary>
    public string Name { get; }

    public ISettingsValidator Validator { get; }

    public static SettingsSection Of<T>(string name, ISettingsValidator validator)
        where T : class, new() =>
        // Copied into the options pipeline rather than registered as an instance, so that Configure<T> elsewhere still applies.
        new(typeof(T), name, validator, (services, bound) => services.AddOptions<T>().Configure(options => SettingsBinder.Copy((T)bound, options)));

    public void Register(IServiceCollection services, object bound) => _register(services, bound);
}
