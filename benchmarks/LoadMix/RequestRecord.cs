namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>One finished operation, for the chaos timeline: when it was due, when it ended (both from the run's start), how.</summary>
internal readonly record struct RequestRecord(RequestKind Kind, TimeSpan Started, TimeSpan Finished, string? Error)
{
    public TimeSpan Latency => Finished - Started;
}
