namespace SweepGrid.Client.Dashboard.Api;

public sealed record DeviceJson(string Device, int Slots, int Busy, int Free);
