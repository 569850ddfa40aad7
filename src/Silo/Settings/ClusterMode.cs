namespace SweepGrid.Silo.Settings;

/// <summary>How silos find each other (Cluster:Mode).</summary>
public enum ClusterMode
{
    /// <summary>One silo on this machine, on loopback.</summary>
    Localhost,

    /// <summary>Silos on any machines, listed in Redis (Redis:ConnectionString).</summary>
    Redis,
}
