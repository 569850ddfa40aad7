namespace SweepGrid.Client.Dashboard.Api;

public sealed record ImportanceEntryJson(string Name, double Importance);
