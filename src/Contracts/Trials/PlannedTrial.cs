namespace SweepGrid.Contracts.Trials;

/// <summary>A trial a search strategy proposes: its configuration and the id derived from it.</summary>
public sealed record PlannedTrial(TrialId Id, TrialConfig Config)
{
    public static PlannedTrial For(TrialConfig config) => new(TrialId.Of(config), config);
}
