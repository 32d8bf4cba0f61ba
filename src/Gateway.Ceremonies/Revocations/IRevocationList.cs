namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>
/// The revocations a replica holds. <see cref="IsRevoked"/> runs on every authenticated request, so it is a local,
/// allocation-free lookup; <see cref="RevokeAsync"/> makes the revocation durable and visible to every replica.
/// </summary>
public interface IRevocationList
{
    /// <summary>The kind of revocation that refuses these keys, or <c>null</c> when none does.</summary>
    RevocationKind? FindRevocation(in TokenRevocationKeys keys);

    ValueTask RevokeAsync(Revocation revocation, CancellationToken cancellationToken);
}
