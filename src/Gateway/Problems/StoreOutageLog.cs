using System.Data.Common;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Problems;

/// <summary>
/// Logs an outage of the challenge store or the credential store as one warning line, without a stack trace, and then
/// at most one line per <see cref="Interval"/> with the number of requests refused since. Logged per request (and, for
/// the credential store, with a stack trace), a PostgreSQL restart once wrote 639 error entries in 5 s, and a slow log
/// consumer then slowed the proxying of requests that never touch a store. Reasons name the store and a failure type,
/// never a driver's message (which can quote a connection string).
/// </summary>
internal sealed partial class StoreOutageLog(TimeProvider timeProvider, ILogger<StoreOutageLog> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Outage _challenges = new(ProblemCatalog.ChallengeStoreUnavailable.Code);
    private readonly Outage _credentials = new(ProblemCatalog.CredentialStoreUnavailable.Code);

    /// <summary>Whether <paramref name="exception"/> is an outage of the credential store: 503, not a bug.</summary>
    public static bool IsCredentialStoreOutage(Exception? exception) =>
        exception is CredentialStoreUnavailableException or DbException { IsTransient: true };

    /// <summary>A ceremony answered 503 because the challenge store failed; <paramref name="reason"/> is the store's sentence.</summary>
    public void ChallengeStoreRefused(string reason) => Refused(_challenges, reason);

    public void CredentialStoreRefused(Exception exception) => Refused(
        _credentials,
        exception is CredentialStoreUnavailableException
            ? exception.Message // The repository's: the store's name (host, port, database; no credentials) and a failure type.
            : $"The credential store dropped a connection ({exception.GetType().Name}).");

    private void Refused(Outage outage, string reason)
    {
        long refused;
        lock (outage)
        {
            outage.RefusedSinceLastLine++;
            var now = timeProvider.GetUtcNow();
            if (now < outage.NextLine)
            {
                return;
            }

            outage.NextLine = now + Interval;
            refused = outage.RefusedSinceLastLine;
            outage.RefusedSinceLastLine = 0;
        }

        Log.Refused(logger, reason, outage.Code, refused, Interval);
    }

    private sealed class Outage(string code)
    {
        public string Code { get; } = code;

        public DateTimeOffset NextLine { get; set; } = DateTimeOffset.MinValue;

        public long RefusedSinceLastLine { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(9003, LogLevel.Warning, "{Reason} Requests that need it answer 503 {Code} ({Refused} since the last line; at most one line per {Interval}).")]
        public static partial void Refused(ILogger logger, string reason, string code, long refused, TimeSpan interval);
    }
}
