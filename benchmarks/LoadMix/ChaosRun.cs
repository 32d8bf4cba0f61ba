using System.Globalization;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// The chaos run: the gateway on Redis and PostgreSQL under a steady open loop (half the measured capacity by
/// default), and three faults in turn, each followed by recovery and steady load: Redis paused with
/// <c>CLIENT PAUSE … ALL</c>, Redis killed and restarted empty on the same port, PostgreSQL stopped and started.
/// Every accepted sign-in finish is replayed once in the background. The timeline of every operation is kept and
/// read afterwards by <see cref="ChaosAnalysis"/>.
/// </summary>
internal static class ChaosRun
{
    private static readonly TimeSpan RecoveryWait = TimeSpan.FromSeconds(60);

    public static async Task<(ChaosReport Report, string Markdown)> RunAsync(LoadMixOptions options, string stem, TextWriter progress)
    {
        var machine = await MachineInfo.CaptureAsync();
        await using var stack = await LoadStack.StartAsync(options, TimeSpan.FromHours(2), progress);
        var redis = stack.Redis!;
        var postgres = await PostgresControl.ForAsync(stack.Postgres!);
        var (capacity, rate, rateSource) = await SoakRun.CapacityAsync(options, stack, progress);

        var replays = new ReplayChecker(stack.ReplayClient);
        var recorder = new LoadRecorder(keepRecords: true);
        var generator = new OpenLoopGenerator(new MixRunner(stack.Client, stack.Users, replays), recorder, rate);
        using var stop = new CancellationTokenSource();
        progress.WriteLine($"open loop at {rate:F0} operations/s; faults held {options.Outage.TotalSeconds:F0} s");
        var rssStart = stack.Gateway.Memory().Rss;
        var load = generator.RunAsync(TimeSpan.MaxValue, stop.Token);

        var faults = new (string Name, string Fault, Func<Task<(TimeSpan Start, TimeSpan End)>> Inject)[]
        {
            ("Redis paused", $"CLIENT PAUSE {options.Outage.TotalMilliseconds:F0} ALL", () => PauseRedisAsync(redis, options.Outage, recorder)),
            ("Redis killed, restarted empty", $"SIGKILL, down {options.Outage.TotalSeconds:F0} s, a new empty redis-server on the same port", async () =>
            {
                var start = recorder.Now;
                await redis.KillAsync();
                await Task.Delay(options.Outage);
                await redis.RestartAsync();
                return (start, recorder.Now);
            }),
            ("PostgreSQL restarted", $"pg_ctl stop -m fast, down {options.Outage.TotalSeconds:F0} s, pg_ctl start", async () =>
            {
                var start = recorder.Now;
                await postgres.FastStopAsync();
                await Task.Delay(options.Outage);
                await postgres.StartAsync();
                return (start, recorder.Now);
            }),
        };

        await Task.Delay(options.Settle);
        var marks = new List<(string Name, string Fault, TimeSpan Start, TimeSpan FaultEnd)> { ("baseline", "none", TimeSpan.Zero, TimeSpan.Zero) };
        foreach (var (name, fault, inject) in faults)
        {
            progress.WriteLine($"{recorder.Now.TotalSeconds,6:F1} s  {name}: {fault}");
            var (start, faultEnd) = await inject();
            progress.WriteLine($"{recorder.Now.TotalSeconds,6:F1} s  {name}: over (fault {start.TotalSeconds:F1} → {faultEnd.TotalSeconds:F1} s)");
            await WaitForSignInAsync(recorder, faultEnd);
            var recovered = recorder.LastSignInSuccessStarted >= faultEnd;
            progress.WriteLine($"{recorder.Now.TotalSeconds,6:F1} s  {name}: {(recovered ? "sign-ins succeed again" : $"no successful sign-in within {RecoveryWait.TotalSeconds:F0} s")}");
            marks.Add((name, fault, start, faultEnd));
            await Task.Delay(options.Settle);
        }

        var end = recorder.Now;
        await stop.CancelAsync();
        await load;
        await generator.DrainAsync(TimeSpan.FromSeconds(15));
        var (rssEnd, rssPeak) = stack.Gateway.Memory();
        progress.WriteLine("waiting for the replay check to finish");
        var replaySummary = await replays.FinishAsync(TimeSpan.FromSeconds(120));

        var records = recorder.Records.OrderBy(r => r.Started).ToList();
        var phases = marks.Select((mark, i) => new ChaosPhase(mark.Name, mark.Fault, mark.Start, mark.FaultEnd, i + 1 < marks.Count ? marks[i + 1].Start : end)).ToList();
        var results = phases.Select((phase, i) => ChaosAnalysis.Analyze(phase, records, isFault: i > 0)).ToList();
        await ChaosTimeline.WriteAsync(stem + "-timeline.csv", records);
        var findings = results.SelectMany((result, i) => ChaosAnalysis.Findings(result, isFault: i > 0)).ToList();
        if (replaySummary.Accepted > 0)
        {
            findings.Add($"{replaySummary.Accepted} of {replaySummary.Submitted} replayed sign-in finishes were accepted: a challenge was accepted twice");
        }

        if (replaySummary.OtherAnswers.Count > 0 || replaySummary.NeverAnswered > 0)
        {
            findings.Add($"replays not refused as used challenges: {ChaosAnalysis.Reasons(replaySummary.OtherAnswers)}; never judged: {replaySummary.NeverAnswered}");
        }

        stack.KeepGatewayLog(stem + "-gateway.log");
        var (levels, failures) = await stack.Gateway.LogSummaryAsync();
        var classes = recorder.Total.Summarize(generator.Elapsed);
        var report = new ChaosReport(
            machine,
            stack.StoreDescription,
            RequestMix.Description,
            capacity,
            rate,
            rateSource,
            options.Outage.TotalSeconds,
            generator.Elapsed.TotalSeconds,
            classes.Sum(c => c.Count) / generator.Elapsed.TotalSeconds,
            new SortedDictionary<string, long>(recorder.Dropped.ToDictionary(), StringComparer.Ordinal),
            results[0],
            results[1..],
            classes,
            replaySummary,
            rssStart,
            rssEnd,
            rssPeak,
            new GatewayLogSummary(levels, failures, stem + "-gateway.log"),
            stem + "-timeline.csv",
            MachineInfo.LoadAverage(),
            findings);
        return (report, ReportMarkdown.Chaos(report));
    }

    /// <summary>
    /// <c>CLIENT PAUSE ms ALL</c> (Redis 6.2+): every client's commands wait in Redis until the pause is over, so the
    /// gateway's connection stays up while its commands run into their timeout. The fault ends when the pause does.
    /// </summary>
    private static async Task<(TimeSpan Start, TimeSpan End)> PauseRedisAsync(RedisServer redis, TimeSpan pause, LoadRecorder recorder)
    {
        // Connected before the clock starts: connecting took most of a second here under load.
        await using var admin = await redis.ConnectAdminAsync();
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var start = recorder.Now;
        await server.ExecuteAsync("CLIENT", "PAUSE", ((long)pause.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), "ALL");
        var end = start + pause;
        var remaining = end - recorder.Now;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        return (start, end);
    }

    private static async Task WaitForSignInAsync(LoadRecorder recorder, TimeSpan faultEnd)
    {
        try
        {
            await Wait.UntilAsync(() => Task.FromResult(recorder.LastSignInSuccessStarted >= faultEnd), RecoveryWait, "a successful sign-in");
        }
        catch (TimeoutException)
        {
            // Reported by the analysis as no recovery; the run goes on to the next fault.
        }
    }
}
