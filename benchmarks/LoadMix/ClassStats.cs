using System.Collections.Concurrent;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// Count, latency and failures by reason of one class. Every answer's latency is recorded, failures too: a fast 503
/// is what the caller waited for, and leaving it out would hide that an outage made answers quicker or slower.
/// </summary>
internal sealed class ClassStats
{
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly LatencyHistogram _latency = new();

    public void Record(long microseconds, string? error)
    {
        _latency.Record(microseconds);
        if (error is not null)
        {
            _errors.AddOrUpdate(error, 1, static (_, count) => count + 1);
        }
    }

    public ClassSummary Summarize(RequestKind kind, TimeSpan elapsed)
    {
        var errors = new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);
        return new ClassSummary(
            Name(kind),
            _latency.Count,
            elapsed > TimeSpan.Zero ? _latency.Count / elapsed.TotalSeconds : 0,
            errors.Values.Sum(),
            _latency.Percentile(0.50) / 1000.0,
            _latency.Percentile(0.99) / 1000.0,
            _latency.MaxMicroseconds / 1000.0,
            errors);
    }

    public static string Name(RequestKind kind) => kind switch
    {
        RequestKind.Jwt => "JWT route",
        RequestKind.Anonymous => "anonymous route",
        RequestKind.SignIn => "passkey sign-in",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
