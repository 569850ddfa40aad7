namespace SweepGrid.Client.Dashboard.Api;

/// <summary>The best completed trial with its metrics, and where to download its weights (null: none can be exported here).</summary>
/// <param name="Note">Why there is no best trial or no weights to download, else null.</param>
public sealed record BestJson(TrialJson? Trial, string? WeightsUrl, string? Note);
