using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Results;

/// <summary>One field of a trial configuration as the results show it: its spec name, a short name for plot labels, its text.</summary>
public sealed record ConfigField(string Name, string ShortName, Func<TrialConfig, string> Text);
