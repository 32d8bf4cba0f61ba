namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>The <see cref="ClassStats"/> of every class of the mix, over one stretch of time.</summary>
internal sealed class MixStats
{
    private readonly ClassStats[] _classes = [.. Enum.GetValues<RequestKind>().Select(_ => new ClassStats())];

    public void Record(RequestKind kind, long microseconds, string? error) => _classes[(int)kind].Record(microseconds, error);

    public IReadOnlyList<ClassSummary> Summarize(TimeSpan elapsed) =>
        [.. Enum.GetValues<RequestKind>().Select(kind => _classes[(int)kind].Summarize(kind, elapsed))];
}
