using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tether.Client.Tests.Support;

/// <summary>One log line a <see cref="RecordingLoggerFactory"/> kept.</summary>
internal sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>Keeps every log line, with its category and event id, for tests to look at.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    /// <summary>Called for every line as it is written (under whatever lock the writer holds).</summary>
    public Action<LogLine>? OnLine { get; set; }

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public IReadOnlyList<LogLine> Security => [.. _lines.Where(l => l.Category == "Tether.Security")];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new LogLine(category, logLevel, eventId, formatter(state, exception));
            factory._lines.Enqueue(line);
            factory.OnLine?.Invoke(line);
        }
    }
}
