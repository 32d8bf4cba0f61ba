namespace PasskeyGateway.Benchmarks.RevocationLatency;

/// <summary>One pass of logouts: each one's answer time, the pass's length, and its correctness counts.</summary>
/// <param name="Not204">Logouts answered with anything but 204.</param>
/// <param name="Checks">Logouts after which the other replicas were asked.</param>
/// <param name="Refused">Of those, how many tokens every asked replica accepted before the logout (200) and refused right after it (401).</param>
internal sealed record LogoutLatencies(int Replicas, int Callers, IReadOnlyList<TimeSpan> Elapsed, TimeSpan Wall, int Not204, int Checks, int Refused)
{
    private readonly TimeSpan[] _sorted = [.. Elapsed.Order()];

    public bool Correct => Not204 == 0 && Refused == Checks;

    public double Throughput => Elapsed.Count / Wall.TotalSeconds;

    public TimeSpan Max => _sorted[^1];

    /// <summary>The nearest-rank percentile: the smallest answer time that <paramref name="quantile"/> of the logouts did not exceed.</summary>
    public TimeSpan Percentile(double quantile) => _sorted[Math.Max(0, (int)Math.Ceiling(quantile * _sorted.Length) - 1)];
}
