using System.Diagnostics;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// The soak: measure the capacity of the mix, then hold an open loop at a share of it (80 % by default) for the
/// given minutes, sampling every minute; report errors, p99 per class, the rate achieved and the gateway's RSS at
/// the start and end. Any error of the gateway is a finding; memory is reported, not judged (a one-minute run
/// cannot tell growth from warm-up).
/// </summary>
internal static class SoakRun
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMinutes(1);

    public static async Task<(SoakReport Report, string Markdown)> RunAsync(LoadMixOptions options, string stem, TextWriter progress)
    {
        var machine = await MachineInfo.CaptureAsync();
        var duration = TimeSpan.FromMinutes(options.Minutes);
        await using var stack = await LoadStack.StartAsync(options, duration + options.Warmup + options.Measure + TimeSpan.FromMinutes(30), progress);

        var (capacity, rate, rateSource) = await CapacityAsync(options, stack, progress);
        var replays = options.Replay ? new ReplayChecker(stack.ReplayClient) : null;
        var recorder = new LoadRecorder(keepRecords: false);
        var generator = new OpenLoopGenerator(new MixRunner(stack.Client, stack.Users, replays), recorder, rate);

        progress.WriteLine($"open loop at {rate:F0} operations/s for {duration.TotalMinutes:F1} min");
        var rssStart = stack.Gateway.Memory().Rss;
        var minutes = new List<SoakMinute>();
        var load = generator.RunAsync(duration, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var window = Stopwatch.StartNew();
        var samples = (int)Math.Ceiling(duration / SampleInterval);
        for (var minute = 1; minute <= samples; minute++)
        {
            if (minute < samples)
            {
                var next = (SampleInterval * minute) - clock.Elapsed;
                await Task.Delay(next > TimeSpan.Zero ? next : TimeSpan.Zero);
            }
            else
            {
                // The last sample waits for the loop's end and the answers still under way.
                await load;
                await generator.DrainAsync(TimeSpan.FromSeconds(15));
            }

            minutes.Add(Sample(minute, recorder.TakeWindow(), window.Elapsed, stack.Gateway.Memory().Rss));
            window.Restart();
            progress.WriteLine(Progress(minutes[^1]));
        }

        var (rssEnd, rssPeak) = stack.Gateway.Memory();
        var replaySummary = replays is null ? null : await replays.FinishAsync(TimeSpan.FromSeconds(90));
        var classes = recorder.Total.Summarize(generator.Elapsed);
        stack.KeepGatewayLog(stem + "-gateway.log");
        var (levels, failures) = await stack.Gateway.LogSummaryAsync();

        var findings = classes.Where(c => c.Errors > 0)
            .Select(c => $"{c.Errors} of {c.Count} {c.Class} operations failed: {ChaosAnalysis.Reasons(c.ErrorsByReason)}")
            .Concat(recorder.Dropped.Count > 0 ? [$"the generator dropped operations ({ChaosAnalysis.Reasons(recorder.Dropped)}): the gateway fell behind the rate"] : [])
            .Concat(replaySummary is { Accepted: > 0 } ? [$"{replaySummary.Accepted} replayed sign-in finishes were accepted: a challenge was accepted twice"] : [])
            .ToList();
        var report = new SoakReport(
            machine,
            stack.StoreDescription,
            RequestMix.Description,
            capacity,
            rate,
            rateSource,
            options.Minutes,
            generator.Elapsed.TotalSeconds,
            classes.Sum(c => c.Count) / generator.Elapsed.TotalSeconds,
            generator.Scheduled,
            new SortedDictionary<string, long>(recorder.Dropped.ToDictionary(), StringComparer.Ordinal),
            classes,
            minutes,
            rssStart,
            rssEnd,
            rssPeak,
            replaySummary,
            new GatewayLogSummary(levels, failures, stem + "-gateway.log"),
            MachineInfo.LoadAverage(),
            findings);
        return (report, ReportMarkdown.Soak(report));
    }

    /// <summary>The measured capacity and the rate to run at: a share of it, or the rate given on the command line.</summary>
    public static async Task<(CapacityResult? Capacity, double Rate, string Source)> CapacityAsync(LoadMixOptions options, LoadStack stack, TextWriter progress)
    {
        if (options.Rate is { } fixedRate)
        {
            progress.WriteLine($"warming up: closed loop, {options.Connections} callers, {options.Warmup.TotalSeconds:F0} s");
            await CapacityProbe.WarmUpAsync(new MixRunner(stack.Client, stack.Users, replays: null), options.Connections, options.Warmup);
            return (null, fixedRate, "given with --rate");
        }

        progress.WriteLine($"measuring capacity: closed loop, {options.Connections} callers, {options.Warmup.TotalSeconds:F0} s warm-up + {options.Measure.TotalSeconds:F0} s");
        var capacity = await CapacityProbe.MeasureAsync(new MixRunner(stack.Client, stack.Users, replays: null), options.Connections, options.Warmup, options.Measure);
        progress.WriteLine($"capacity: {capacity.OperationsPerSecond:F0} operations/s ({capacity.Classes.Sum(c => c.Errors)} errors)");
        return (capacity, capacity.OperationsPerSecond * options.LoadFraction, $"{options.LoadFraction * 100:F0} % of the measured capacity");
    }

    private static SoakMinute Sample(int minute, MixStats window, TimeSpan elapsed, double rss)
    {
        var classes = window.Summarize(elapsed);
        return new SoakMinute(
            minute,
            Math.Round(elapsed.TotalSeconds, 1),
            classes.Sum(c => c.Count) / elapsed.TotalSeconds,
            classes.Sum(c => c.Errors),
            classes[(int)RequestKind.Jwt].P99Ms,
            classes[(int)RequestKind.Anonymous].P99Ms,
            classes[(int)RequestKind.SignIn].P99Ms,
            rss);
    }

    private static string Progress(SoakMinute minute) =>
        $"minute {minute.Minute}: {minute.OperationsPerSecond:F0} operations/s, {minute.Errors} errors, p99 JWT {minute.JwtP99Ms:F2} ms / anonymous {minute.AnonymousP99Ms:F2} ms / sign-in {minute.SignInP99Ms:F2} ms, RSS {minute.RssMiB:F0} MiB";
}
