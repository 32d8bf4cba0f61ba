using System.Diagnostics;
using System.Globalization;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Waiting for the end of an open WebSocket or event stream, and holding it to the bound the design sets: within 1 s
/// of the revoking call's answer (or of <c>exp</c>). Timestamps are <see cref="Stopwatch"/> ones.
/// </summary>
public static class ExchangeEnds
{
    /// <summary>DESIGN.md (WebSockets and server-sent events): an ended exchange is gone from both legs within 1 s.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    /// <summary>How long a test waits for an end before it fails: generous, so a slow machine fails on the bound, not here.</summary>
    public static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(10);

    /// <summary>The backend's record of its side's end, which must come within <see cref="WaitAtMost"/>.</summary>
    public static async Task<BackendEnding> OfBackendAsync(Task<BackendEnding> ending)
    {
        await Task.WhenAny(ending, Task.Delay(WaitAtMost, TestContext.Current.CancellationToken));
        Assert.True(ending.IsCompleted, $"The backend's side was still open {WaitAtMost.TotalSeconds} s later.");
        return await ending;
    }

    /// <summary>Fails unless <paramref name="ended"/> came less than <see cref="Bound"/> after <paramref name="from"/>; answers how long after.</summary>
    public static TimeSpan AssertWithinBound(long from, long ended, string what)
    {
        var after = Stopwatch.GetElapsedTime(from, ended);
        Assert.True(after < Bound, $"{what} ended {after.TotalMilliseconds:0} ms after the revocation was answered.");
        return after;
    }

    /// <summary>Writes the measured ends to the test's output (negative: before the revoking call's answer reached the test).</summary>
    public static void Report(string what, long from, long client, long backend) =>
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: the client's side ended {Stopwatch.GetElapsedTime(from, client).TotalMilliseconds:0.0} ms, the backend's {Stopwatch.GetElapsedTime(from, backend).TotalMilliseconds:0.0} ms after the revoking call's answer"));
}
