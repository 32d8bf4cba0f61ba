namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>One class of the mix over a stretch of time, as the report shows it. Latencies in milliseconds.</summary>
internal sealed record ClassSummary(
    string Class,
    long Count,
    double PerSecond,
    long Errors,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    SortedDictionary<string, long> ErrorsByReason);
