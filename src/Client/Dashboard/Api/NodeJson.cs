namespace SweepGrid.Client.Dashboard.Api;

public sealed record NodeJson(string Silo, string Address, DateTimeOffset StartedAt, DateTimeOffset SeenAt, IReadOnlyList<DeviceJson> Devices);
