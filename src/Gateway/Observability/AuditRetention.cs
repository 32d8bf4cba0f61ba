using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Observability;

/// <summary>
/// Keeps the audit trail to <c>Gateway:Store:AuditRetention</c> (90 days by default), and deletes the records of
/// sessions and enrollment links that have ended or expired: at start and then every hour. Every replica does it; the
/// deletions are idempotent.
/// </summary>
internal sealed partial class AuditRetention(ICredentialRepository repository, GatewayOptions options, TimeProvider timeProvider, ILogger<AuditRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Store.AuditRetention;
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    var now = timeProvider.GetUtcNow();
                    Log.Purged(logger, await repository.PurgeAuditAsync(now - retention, stoppingToken), retention);
                    Log.SessionsPurged(
                        logger,
                        await repository.PurgeSessionsAsync(now, stoppingToken),
                        await repository.PurgeEnrollmentLinksAsync(now, stoppingToken));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The store may be briefly unreachable; the next hour tries again.
                    Log.PurgeFailed(logger, e.GetType().Name, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(8002, LogLevel.Information, "Deleted {Purged} audit entries older than {Retention}.")]
        public static partial void Purged(ILogger logger, int purged, TimeSpan retention);

        [LoggerMessage(8004, LogLevel.Debug, "Deleted {Sessions} ended or expired session records and {Links} used, void or expired enrollment links.")]
        public static partial void SessionsPurged(ILogger logger, int sessions, int links);

        [LoggerMessage(8003, LogLevel.Warning, "Deleting old audit entries failed ({Error}: {Message}); retrying in an hour.")]
        public static partial void PurgeFailed(ILogger logger, string error, string message);
    }
}
