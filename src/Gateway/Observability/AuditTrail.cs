using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Observability;

/// <summary>
/// Appends ceremony outcomes, registrations and revocations to the credential repository's audit table with the
/// client's address and user agent. A failed audit write is logged, never turned into a failed ceremony.
/// </summary>
internal sealed partial class AuditTrail(IAuditRepository repository, TimeProvider timeProvider, ILogger<AuditTrail> logger)
{
    private const int MaxUserAgentLength = 256;

    public async Task RecordAsync(HttpContext context, string @event, string outcome, string? userId, string? detail = null)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var entry = new AuditEntry(
            timeProvider.GetUtcNow(),
            userId,
            @event,
            outcome,
            context.Connection.RemoteIpAddress?.ToString(),
            userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, MaxUserAgentLength)],
            detail);
        try
        {
            await repository.AppendAuditAsync(entry, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.AuditFailed(logger, @event, outcome, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(8001, LogLevel.Error, "Could not append the audit entry {Event}/{Outcome}.")]
        public static partial void AuditFailed(ILogger logger, string @event, string outcome, Exception exception);
    }
}
