namespace SweepGrid.Grains.Tests.Faults;

/// <summary>One fault a schedule injected: where (storage or a grain call), into what, and how.</summary>
public sealed record InjectedFault(string Where, string Operation, FaultKind Kind);
