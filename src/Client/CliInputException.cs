namespace SweepGrid.Client;

/// <summary>Bad input to a command that no other exception type describes; the message says what is wrong and what is allowed.</summary>
public sealed class CliInputException(string message) : Exception(message);
