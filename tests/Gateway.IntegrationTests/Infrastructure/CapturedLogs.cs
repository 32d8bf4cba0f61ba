using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Every log line a gateway wrote during a test, formatted, with the exception text; and the structured values of each
/// (what a JSON log writes out beside the message).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _values = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Each structured value of every line, as <c>name=value</c>.</summary>
    public IReadOnlyList<string> StructuredValues => [.. _values];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines, _values);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines, ConcurrentQueue<string> values) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {exception}");
            if (state is IReadOnlyList<KeyValuePair<string, object?>> structured)
            {
                foreach (var (name, value) in structured)
                {
                    values.Enqueue($"{name}={value}");
                }
            }
        }
    }
}
