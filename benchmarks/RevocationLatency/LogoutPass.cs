using System.Diagnostics;
using System.Net;

namespace PasskeyGateway.Benchmarks.RevocationLatency;

/// <summary>
/// Logs out every token on the first replica, with a number of concurrent callers, each taking the next token as it
/// is free (a closed loop: at most one logout per caller in flight). Every Nth token is checked against every other
/// replica (with one replica, that replica): accepted before its logout, refused right after the 204 — the promise
/// the acknowledgements make. The checks are outside the timed span.
/// </summary>
internal static class LogoutPass
{
    public static async Task<LogoutLatencies> RunAsync(ReplicaSet replicas, IReadOnlyList<string> tokens, int callers, int checkEvery, CancellationToken cancellationToken)
    {
        var elapsed = new TimeSpan[tokens.Count];
        var checkers = replicas.Count == 1 ? replicas.Clients : replicas.Clients.Skip(1).ToArray();
        int next = -1, not204 = 0, checks = 0, refused = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < tokens.Count; i = Interlocked.Increment(ref next))
            {
                var check = (i + 1) % checkEvery == 0;
                var acceptedBefore = check && await AllAnswerAsync(checkers, tokens[i], HttpStatusCode.OK, cancellationToken);
                var (status, time) = await replicas.Clients[0].LogOutAsync(tokens[i], cancellationToken);
                elapsed[i] = time;
                if (status != HttpStatusCode.NoContent)
                {
                    Interlocked.Increment(ref not204);
                }
                else if (check)
                {
                    Interlocked.Increment(ref checks);
                    if (acceptedBefore && await AllAnswerAsync(checkers, tokens[i], HttpStatusCode.Unauthorized, cancellationToken))
                    {
                        Interlocked.Increment(ref refused);
                    }
                }
            }
        }));
        return new LogoutLatencies(replicas.Count, callers, elapsed, Stopwatch.GetElapsedTime(started), not204, checks, refused);
    }

    private static async Task<bool> AllAnswerAsync(IEnumerable<ReplicaClient> replicas, string token, HttpStatusCode status, CancellationToken cancellationToken) =>
        (await Task.WhenAll(replicas.Select(replica => replica.MeAsync(token, cancellationToken)))).All(answer => answer == status);
}
