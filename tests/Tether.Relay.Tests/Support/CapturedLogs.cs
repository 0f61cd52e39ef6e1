using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tether.Relay.Tests.Support;

/// <summary>A logger provider that keeps every line, with its structured values and scopes, for tests to search.</summary>
internal sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<int> _events = new();

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>How many lines with this event id were logged.</summary>
    public int Count(int eventId) => _events.Count(e => e == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            var scopes = new System.Text.StringBuilder();
            owner._scopes?.ForEachScope((scope, sb) => sb.Append(" scope: ").Append(scope is IEnumerable<KeyValuePair<string, object?>> kv ? string.Join(" ", kv.Select(p => $"{p.Key}={p.Value}")) : scope), scopes);
            owner._events.Enqueue(eventId.Id);
            owner._lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} | {values} | {exception}{scopes}");
        }
    }
}
