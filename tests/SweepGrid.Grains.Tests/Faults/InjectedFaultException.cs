namespace SweepGrid.Grains.Tests.Faults;

/// <summary>Stands for what infrastructure throws: a storage timeout, a restarting Redis, a dead connection.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
