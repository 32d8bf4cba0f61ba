using System.Globalization;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Benchmarks.RevocationLatency;

/// <summary>
/// For each replica count: the replicas started afresh, sessions signed in, untimed logouts, then the timed passes
/// (one caller, then concurrent callers), and the late acknowledgements the replicas logged. One PostgreSQL cluster
/// serves the whole run, a database per replica count; each replica count has a redis-server of its own.
/// </summary>
internal static class RevocationLatencyRun
{
    /// <summary>ReplicaAcknowledgements' warning for a revocation not acknowledged by every live replica within the timeout.</summary>
    public const int LateAcknowledgementEvent = 5208;

    public static async Task<RevocationLatencyReport> RunAsync(RevocationLatencyOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var machine = await MachineInfo.CaptureAsync();
        await using var postgres = await PostgresServer.StartAsync();
        var postgresVersion = (string)(await postgres.QueryAsync("postgres", "SHOW server_version;"))[0][0]!;
        var callers = options.Callers > 1 ? [1, options.Callers] : new[] { 1 };
        var passes = new List<LogoutLatencies>();
        var late = new Dictionary<int, long>();
        foreach (var count in options.Replicas)
        {
            await using var replicas = await ReplicaSet.StartAsync(count, postgres, options.GatewayDll);
            var tokens = await replicas.SignInAsync(options.Warmup + (callers.Length * options.Logouts), cancellationToken);
            progress.WriteLine($"{count} replica(s) ready and heartbeating, {tokens.Length} sessions signed in; load average {MachineInfo.LoadAverage()}");

            await LogoutPass.RunAsync(replicas, tokens[..options.Warmup], 1, options.CheckEvery, cancellationToken);
            for (var i = 0; i < callers.Length; i++)
            {
                var start = options.Warmup + (i * options.Logouts);
                var pass = await LogoutPass.RunAsync(replicas, tokens[start..(start + options.Logouts)], callers[i], options.CheckEvery, cancellationToken);
                passes.Add(pass);
                progress.WriteLine($"  {callers[i]} caller(s): p50 {Milliseconds(pass.Percentile(0.5))} ms, p99 {Milliseconds(pass.Percentile(0.99))} ms");
            }

            late[count] = await replicas.CountLogEventAsync(LateAcknowledgementEvent);
        }

        return new RevocationLatencyReport(machine, MachineInfo.LoadAverage(), postgresVersion, passes, late);
    }

    public static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture);
}
