namespace SweepGrid.Client.Results;

/// <summary>Why one file of a results folder is not written this time; caught by the writer and reported, never shown as an error.</summary>
internal sealed class SkipException(string reason) : Exception(reason);
