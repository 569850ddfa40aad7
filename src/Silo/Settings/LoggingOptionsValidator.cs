using SweepGrid.Silo.Hosting;

namespace SweepGrid.Silo.Settings;

/// <summary>Logging: somewhere to write the log files.</summary>
public sealed class LoggingOptionsValidator : ISettingsValidator
{
    public void Validate(SweepGridSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Logging.Folder))
        {
            throw new SiloConfigurationException("Logging:Folder", $"Logging:Folder '{settings.Logging.Folder}' is empty: give the folder for the log files (default logs)");
        }
    }
}
