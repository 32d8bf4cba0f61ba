using System.Diagnostics;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// Capacity as the most the gateway answers: a closed loop of N callers, each sending its next operation of the
/// mix as soon as the previous one is answered. A warm-up comes first and is not counted — tiered JIT with dynamic
/// PGO took ~40 s of load here before a fresh gateway reached its steady rate (benchmarks/proxy-overhead.sh).
/// </summary>
internal static class CapacityProbe
{
    /// <summary>The warm-up alone, when the rate is given and nothing is measured: a cold gateway would make the first stretch of the run look slow.</summary>
    public static Task WarmUpAsync(MixRunner runner, int connections, TimeSpan warmup)
    {
        long sequence = -1;
        var end = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                await runner.RunAsync(RequestMix.KindOf(Interlocked.Increment(ref sequence)));
            }
        })));
    }

    public static async Task<CapacityResult> MeasureAsync(MixRunner runner, int connections, TimeSpan warmup, TimeSpan measure)
    {
        var recorder = new LoadRecorder(keepRecords: false);
        long sequence = -1;
        long measuredFrom = 0;
        var end = recorder.Origin + (long)((warmup + measure).TotalSeconds * Stopwatch.Frequency);
        var callers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var kind = RequestMix.KindOf(Interlocked.Increment(ref sequence));
                var started = Stopwatch.GetTimestamp();
                var outcome = await runner.RunAsync(kind);
                var finished = Stopwatch.GetTimestamp();
                if (Volatile.Read(ref measuredFrom) != 0 && finished <= end)
                {
                    recorder.Record(kind, started, finished, outcome);
                }
            }
        })).ToArray();

        await Task.Delay(warmup);
        recorder.ResetTotal();
        Volatile.Write(ref measuredFrom, Stopwatch.GetTimestamp());
        await Task.WhenAll(callers);

        var measured = Stopwatch.GetElapsedTime(measuredFrom, end);
        var classes = recorder.Total.Summarize(measured);
        return new CapacityResult(classes.Sum(c => c.Count) / measured.TotalSeconds, connections, warmup.TotalSeconds, measured.TotalSeconds, classes);
    }
}
