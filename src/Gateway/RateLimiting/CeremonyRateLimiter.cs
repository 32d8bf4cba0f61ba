using PasskeyGateway.Ceremonies;
using PasskeyGateway.Ceremonies.RateLimits;
using PasskeyGateway.CeremonyHosting;
using PasskeyGateway.Configuration;
using PasskeyGateway.Observability;

namespace PasskeyGateway.RateLimiting;

/// <summary>
/// The limits of <c>Gateway:RateLimits</c> on ceremony endpoints, in fixed windows: every ceremony request counts
/// against its client's per-minute limit; a client with too many failed finishes in a quarter of an hour is refused
/// further finishes; and an account with too many failed finishes against it has its further failures answered 429.
/// The account limit never refuses a signature that verifies — it is applied after the step, to failures only — so
/// no one can lock a user out by failing in their name.
/// </summary>
internal sealed partial class CeremonyRateLimiter(IRateCounter counter, GatewayOptions options, GatewayMetrics metrics, TimeProvider timeProvider, ILogger<CeremonyRateLimiter> logger)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan QuarterHour = TimeSpan.FromMinutes(15);

    private readonly RateLimitOptions _limits = options.RateLimits;

    /// <summary>Before the step: <c>null</c> to go on, else how long the client should wait.</summary>
    public async ValueTask<TimeSpan?> AdmitAsync(Ceremony ceremony, string client, CancellationToken cancellationToken)
    {
        var requests = await counter.IncrementAsync("ceremonies:" + client, Minute, cancellationToken);
        if (requests.Count > _limits.CeremoniesPerMinute)
        {
            return Refused("ceremonies", requests);
        }

        if (ceremony.IsFinish)
        {
            var failures = await counter.ReadAsync("failures:" + client, cancellationToken);
            if (failures.Count >= _limits.FailedSignInsPerQuarterHour)
            {
                return Refused("client_failures", failures);
            }
        }

        return null;
    }

    /// <summary>
    /// After a failed finish: counts it against the client and, when the ceremony named one, the account. Answers
    /// how long to wait when the account is over its limit (the failure is then answered 429), else <c>null</c>.
    /// </summary>
    public async ValueTask<TimeSpan?> RecordFailureAsync(string client, string? userId, CancellationToken cancellationToken)
    {
        await counter.IncrementAsync("failures:" + client, QuarterHour, cancellationToken);
        if (userId is null)
        {
            return null;
        }

        var failures = await counter.IncrementAsync("account-failures:" + userId, QuarterHour, cancellationToken);
        if (failures.Count <= _limits.FailedSignInsPerQuarterHour)
        {
            return null;
        }

        if (failures.Count == _limits.FailedSignInsPerQuarterHour + 1)
        {
            Log.AccountLimited(logger, _limits.FailedSignInsPerQuarterHour);
        }

        return Refused("account_failures", failures);
    }

    private TimeSpan Refused(string limit, RateCount count)
    {
        metrics.RateLimited(limit);
        var wait = count.ResetsAt - timeProvider.GetUtcNow();
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    private static partial class Log
    {
        [LoggerMessage(9101, LogLevel.Warning, "An account had more than {Limit} failed ceremonies in a quarter of an hour; its further failures are answered 429 until the window ends.")]
        public static partial void AccountLimited(ILogger logger, int limit);
    }
}
