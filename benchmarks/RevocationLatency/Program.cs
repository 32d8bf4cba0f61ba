using System.Globalization;
using System.Runtime.InteropServices;
using PasskeyGateway.Benchmarks.RevocationLatency;
using static PasskeyGateway.Benchmarks.RevocationLatency.RevocationLatencyRun;

// How long a logout takes when every other live replica must acknowledge the revocation before it is answered
// (Gateway:Revocations:AcknowledgementTimeout), with 1, 2 and 4 replicas on Redis and PostgreSQL, all on this machine.
// benchmarks/revocation-latency.sh builds the gateway and this, and runs it.
//
//   RevocationLatency [--replicas 1,2,4] [--logouts 500] [--callers 4] …
//
// Prints one table; progress goes to standard error. Exit code: 0 when every logout answered 204 and every checked
// token was refused by the other replicas at once, 1 otherwise, 2 on a usage error, 130 when stopped by a signal.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = RevocationLatencyOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine($"RevocationLatency: {error}");
    Console.Error.WriteLine(RevocationLatencyOptions.Usage);
    return 2;
}

// A signal unwinds the run instead of ending the process, so that every process it started is stopped on the way.
using var stopping = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
RevocationLatencyReport report;
try
{
    report = await RunAsync(options, Console.Error, stopping.Token);
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    Console.Error.WriteLine("RevocationLatency: stopped by a signal.");
    return 130;
}

var machine = report.Machine;
Console.WriteLine("Logout (POST /.auth/logout with the bearer token of a live passkey session) on replica 1 of N, answered once the N-1 others acknowledged.");
Console.WriteLine($"{machine.Cores} cores ({machine.Cpu}), {machine.Runtime}, commit {machine.Commit}; load average at start {machine.LoadAverageAtStart}, at end {report.LoadAverageAtEnd}");
Console.WriteLine($"Per N: a fresh redis-server (no persistence), a fresh database on one private PostgreSQL {report.PostgresVersion} cluster (fsync off), {options.Warmup} untimed logouts first.");
Console.WriteLine();
Console.WriteLine($"{"replicas",8} {"callers",7} {"logouts",7} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8} {"logouts/s",9} {"not 204",7} {"refused at once",15}");
foreach (var pass in report.Passes)
{
    var checks = $"{pass.Refused}/{pass.Checks}";
    Console.WriteLine(
        $"{pass.Replicas,8} {pass.Callers,7} {pass.Elapsed.Count,7} {Milliseconds(pass.Percentile(0.5)),8} {Milliseconds(pass.Percentile(0.9)),8} " +
        $"{Milliseconds(pass.Percentile(0.99)),8} {Milliseconds(pass.Max),8} {pass.Throughput,9:F0} {pass.Not204,7} {checks,15}");
}

Console.WriteLine();
Console.WriteLine($"refused at once: of every {options.CheckEvery}th token, those that every other replica (with N = 1, the replica itself) accepted (GET /.auth/me 200) before the logout and refused (401) right after its 204.");
Console.WriteLine($"late acknowledgements logged (event {LateAcknowledgementEvent}), by N: {string.Join(", ", report.LateAcknowledgements.Select(l => $"{l.Key}: {l.Value}"))}");
return report.Passes.All(pass => pass.Correct) ? 0 : 1;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
