using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Configuration;
using PasskeyGateway.Observability;

namespace PasskeyGateway.Sessions;

/// <summary>
/// Writes revocations for every revoking action (sign-out, session end, credential removal, account change): each
/// lives as long as any token it refuses can, and is counted in the metrics. It returns once every live replica holds
/// the revocation, or after the acknowledgement timeout, counting the replicas that were late (DESIGN.md §11.5).
/// </summary>
internal sealed class RevocationWriter(IRevocationList revocations, GatewayOptions options, GatewayMetrics metrics, TimeProvider timeProvider)
{
    public async Task RevokeAsync(RevocationKind kind, string id, CancellationToken cancellationToken)
    {
        // Long enough to outlive every token that can carry the id: the longest of a session and an access token.
        var now = timeProvider.GetUtcNow();
        var longest = options.Session.Lifetime > options.Tokens.Lifetime ? options.Session.Lifetime : options.Tokens.Lifetime;
        var delivery = await revocations.RevokeAsync(new Revocation(kind, id, now, now + longest), cancellationToken);
        metrics.Revocation(kind.ToString().ToLowerInvariant());
        if (delivery.Late > 0)
        {
            metrics.RevocationAcknowledgementsLate(delivery.Late);
        }
    }

    public async Task RevokeSessionsAsync(IEnumerable<string> sessionIds, CancellationToken cancellationToken)
    {
        foreach (var sessionId in sessionIds)
        {
            await RevokeAsync(RevocationKind.Session, sessionId, cancellationToken);
        }
    }

    /// <summary>Every token of the user minted before the account reached <paramref name="newVersion"/>.</summary>
    public Task RevokeOlderVersionsAsync(string userId, long newVersion, CancellationToken cancellationToken) =>
        RevokeAsync(RevocationKind.AccountVersion, AccountVersionId.Format(userId, newVersion), cancellationToken);
}
