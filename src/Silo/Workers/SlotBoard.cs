using SweepGrid.Contracts.Nodes;

namespace SweepGrid.Silo.Workers;

/// <summary>This silo's slots per device and how many are training, for the node registry's heartbeat.</summary>
public sealed class SlotBoard
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Slots, int Busy)> _devices = new(StringComparer.Ordinal);

    public void Declare(IEnumerable<string> slots)
    {
        lock (_gate)
        {
            foreach (var device in slots)
            {
                var entry = _devices.GetValueOrDefault(device);
                _devices[device] = (entry.Slots + 1, entry.Busy);
            }
        }
    }

    public void Started(string device) => Change(device, +1);

    public void Ended(string device) => Change(device, -1);

    public IReadOnlyList<DeviceSlots> Snapshot()
    {
        lock (_gate)
        {
            return _devices.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new DeviceSlots(d.Key, d.Value.Slots, d.Value.Busy)).ToList();
        }
    }

    private void Change(string device, int delta)
    {
        lock (_gate)
        {
            var entry = _devices.GetValueOrDefault(device);
            _devices[device] = (entry.Slots, entry.Busy + delta);
        }
    }
}
