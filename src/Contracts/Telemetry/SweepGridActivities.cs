using System.Diagnostics;

namespace SweepGrid.Contracts.Telemetry;

/// <summary>The one activity source of SweepGrid, shared by client and silo so a trace runs from launch to epoch.</summary>
public static class SweepGridActivities
{
    public const string SourceName = "SweepGrid";

    public static readonly ActivitySource Source = new(SourceName);
}
