namespace PasskeyGateway.Observability;

/// <summary>
/// The logger factory every log line of the process goes through, the host's and the libraries' included (ASP.NET
/// Core logs each request's URL with its query, YARP each forwarded URL): a line that would carry the value of a
/// secret query parameter (<see cref="SecretQueryParameters"/>) has it replaced, in the message and in the structured
/// values JSON logs write out, before any provider sees it.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (!SecretQueryParameters.Contains(message) && !HasSecretValue(state))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var redacted = new RedactedState(SecretQueryParameters.Redact(message), state as IReadOnlyList<KeyValuePair<string, object?>> ?? []);
            inner.Log(logLevel, eventId, redacted, exception, static (s, _) => s.Message);
        }

        private static bool HasSecretValue<TState>(TState state)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                foreach (var (_, value) in values)
                {
                    if (value is string text && SecretQueryParameters.Contains(text))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>The structured values of a log call with every string value redacted, and the redacted message.</summary>
    private sealed class RedactedState : List<KeyValuePair<string, object?>>
    {
        public RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>> values)
            : base(values.Count)
        {
            Message = message;
            foreach (var (key, value) in values)
            {
                Add(new(key, value is string text && key != "{OriginalFormat}" ? SecretQueryParameters.Redact(text) : value));
            }
        }

        public string Message { get; }

        public override string ToString() => Message;
    }
}
