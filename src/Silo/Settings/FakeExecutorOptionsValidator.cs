using SweepGrid.Silo.Hosting;

namespace SweepGrid.Silo.Settings;

/// <summary>FakeExecutor: an epoch cannot take negative time.</summary>
public sealed class FakeExecutorOptionsValidator : ISettingsValidator
{
    public void Validate(SweepGridSettings settings)
    {
        var fake = settings.FakeExecutor;
        if (fake.EpochDuration < TimeSpan.Zero)
        {
            throw new SiloConfigurationException("FakeExecutor:EpochDuration",
                $"FakeExecutor:EpochDuration '{fake.EpochDuration:c}' is negative: give how long each fake epoch takes (default 00:00:00.050)");
        }
    }
}
