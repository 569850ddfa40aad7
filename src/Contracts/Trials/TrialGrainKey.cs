namespace SweepGrid.Contracts.Trials;

/// <summary>A trial grain is keyed by its sweep and its configuration's id.</summary>
public static class TrialGrainKey
{
    public static string For(string sweepId, string trialId) => $"{sweepId}/{trialId}";
}
