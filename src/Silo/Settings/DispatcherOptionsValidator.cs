using SweepGrid.Grains.Dispatch;
using SweepGrid.Silo.Hosting;

namespace SweepGrid.Silo.Settings;

/// <summary>Dispatcher: leases that can live and be checked, and a resync period Orleans' reminders allow.</summary>
public sealed class DispatcherOptionsValidator : ISettingsValidator
{
    /// <summary>Orleans' shortest reminder period (ReminderOptions.MinimumReminderPeriod).</summary>
    private static readonly TimeSpan ShortestReminder = TimeSpan.FromMinutes(1);

    public void Validate(SweepGridSettings settings)
    {
        var dispatcher = settings.Dispatcher;
        if (dispatcher.LeaseTimeout <= TimeSpan.Zero)
        {
            throw new SiloConfigurationException("Dispatcher:LeaseTimeout",
                $"Dispatcher:LeaseTimeout '{dispatcher.LeaseTimeout:c}' is not positive: give how long a lease lasts unrenewed (default 00:00:30)");
        }

        if (dispatcher.ExpiryCheckInterval <= TimeSpan.Zero)
        {
            throw new SiloConfigurationException("Dispatcher:ExpiryCheckInterval",
                $"Dispatcher:ExpiryCheckInterval '{dispatcher.ExpiryCheckInterval:c}' is not positive: give how often leases are checked for expiry (default 00:00:01)");
        }

        if (dispatcher.ResyncInterval < ShortestReminder)
        {
            throw new SiloConfigurationException("Dispatcher:ResyncInterval",
                $"Dispatcher:ResyncInterval '{dispatcher.ResyncInterval:c}' is under a minute, Orleans' shortest reminder period: give 00:01:00 or more");
        }

        if (dispatcher.RetainedEvents < 1)
        {
            throw new SiloConfigurationException("Dispatcher:RetainedEvents",
                $"Dispatcher:RetainedEvents '{dispatcher.RetainedEvents}' is not positive: give how many of a sweep's latest events are kept for watchers (default 20000)");
        }
    }
}
