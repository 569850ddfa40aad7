namespace SweepGrid.Silo.Settings;

/// <summary>The Orleans dashboard (grains, calls, silos) an operator opens in a browser: section Dashboard, standalone silos only.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Whether the silo serves the dashboard; default false (nothing listens).</summary>
    public bool Enabled { get; set; }

    /// <summary>The HTTP port it is served on; default 8080.</summary>
    public int Port { get; set; } = 8080;

    /// <summary>The IP address it listens on; default 127.0.0.1 (the silo's machine only; the container images set 0.0.0.0).</summary>
    public string Bind { get; set; } = "127.0.0.1";
}
