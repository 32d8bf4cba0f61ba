using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Observability;

/// <summary>
/// Appends ceremony outcomes, registrations and revocations to the credential repository's audit table with the
/// client's address and user agent. A failed audit write is logged, never turned into a failed ceremony.
/// </summary>
internal sealed partial class AuditTrail(IAuditRepository repository, TimeProvider timeProvider, ILogger<AuditTrail> logger)
{
    private const int MaxUserAgentLength = 256;

    public Task RecordAsync(HttpContext context, string @event, string outcome, string? userId, string? detail = null) =>
        RecordAsync(@event, outcome, userId, detail, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString());

    /// <summary>As the other overload, for actions without a request (the command line).</summary>
    public async Task RecordAsync(string @event, string outcome, string? userId, string? detail, string? clientIp, string? userAgent)
    {
        var entry = new AuditEntry(
            timeProvider.GetUtcNow(),
            userId,
            @event,
            outcome,
            clientIp,
            string.IsNullOrEmpty(userAgent) ? null : userAgent[..Math.Min(userAgent.Length, MaxUserAgentLength)],
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
