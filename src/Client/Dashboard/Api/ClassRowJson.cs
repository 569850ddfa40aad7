namespace SweepGrid.Client.Dashboard.Api;

/// <summary>One class of a classification report.</summary>
public sealed record ClassRowJson(string ClassName, double Precision, double Recall, double F1, long Support);
