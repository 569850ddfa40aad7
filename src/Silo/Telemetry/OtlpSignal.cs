namespace SweepGrid.Silo.Telemetry;

/// <summary>Where one signal (traces, metrics or logs) is exported, and the variable that said so, for a warning that names it.</summary>
public sealed record OtlpSignal(Uri Endpoint, string Variable);
