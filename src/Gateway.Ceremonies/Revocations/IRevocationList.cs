namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>
/// The revocations a replica holds. <see cref="IsRevoked"/> runs on every authenticated request, so it is a local,
/// allocation-free lookup; <see cref="RevokeAsync"/> makes the revocation durable and held by every live replica before
/// it returns (at most the acknowledgement timeout).
/// </summary>
public interface IRevocationList
{
    /// <summary>The kind of revocation that refuses these keys, or <c>null</c> when none does.</summary>
    RevocationKind? FindRevocation(in TokenRevocationKeys keys);

    ValueTask<RevocationDelivery> RevokeAsync(Revocation revocation, CancellationToken cancellationToken);
}
