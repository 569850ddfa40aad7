using SweepGrid.Silo.Hosting;

namespace SweepGrid.Silo.Settings;

/// <summary>
/// Checks one section once every section is bound, as Orleans' providers check theirs with IConfigurationValidator:
/// the first setting that cannot work throws a <see cref="SiloConfigurationException"/> naming its key, the value
/// given and what is allowed. Rules that span sections (redis storage needs Redis:ConnectionString) belong to the
/// section of the key the user must change.
/// </summary>
public interface ISettingsValidator
{
    void Validate(SweepGridSettings settings);
}
