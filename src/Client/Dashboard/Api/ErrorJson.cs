namespace SweepGrid.Client.Dashboard.Api;

public sealed record ErrorJson(string Error);
