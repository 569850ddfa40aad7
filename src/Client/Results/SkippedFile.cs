namespace SweepGrid.Client.Results;

/// <summary>A file of the results folder that was not written this time, and why (in words for the user).</summary>
public sealed record SkippedFile(string Name, string Reason);
