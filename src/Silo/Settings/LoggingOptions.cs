namespace SweepGrid.Silo.Settings;

/// <summary>Where Serilog writes: the keys SweepGrid adds to section Logging (Microsoft.Extensions.Logging reads the rest).</summary>
public sealed class LoggingOptions
{
    public const string Section = "Logging";

    /// <summary>The folder of the rolling JSON log files; default logs (under the working directory).</summary>
    public string Folder { get; set; } = "logs";

    /// <summary>Whether logs also go to the console; default true (the CLI's embedded silo turns it off for its live view).</summary>
    public bool Console { get; set; } = true;
}
