using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SweepGrid.Grains.Tests.Faults;

/// <summary>Collects the silos' log lines (SweepGrid's from Debug up, Orleans' warnings and errors) in memory, so a failed chaos run can show what happened to a stuck trial.</summary>
public sealed class MemoryLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IEnumerable<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => (logLevel >= LogLevel.Debug && category.StartsWith("SweepGrid", StringComparison.Ordinal)) || logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category[(category.LastIndexOf('.') + 1)..]}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception.Message)}");
            }
        }
    }
}
