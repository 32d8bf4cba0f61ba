using PasskeyGateway.Ceremonies.Revocations;

namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// Revocations made durable, so a replica that starts, or missed an announcement, refuses what it must.
/// A role of the credential store (<see cref="ICredentialRepository"/>).
/// </summary>
public interface IRevocationRepository
{
    /// <summary>
    /// Makes a revocation durable. Adding the same kind and id again keeps the later <see cref="Revocation.RevokedAt"/>
    /// and the later <see cref="Revocation.ExpiresAt"/>, as the in-memory list does.
    /// </summary>
    Task AddRevocationAsync(Revocation revocation, CancellationToken cancellationToken);

    /// <summary>
    /// The revocations that have not expired at <paramref name="now"/>; with <paramref name="revokedSince"/>, only
    /// those revoked at or after it (a replica catching up on what it may have missed).
    /// </summary>
    Task<IReadOnlyList<Revocation>> ListRevocationsAsync(DateTimeOffset now, DateTimeOffset? revokedSince, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the revocations that have expired at <paramref name="now"/> (every token they refuse has expired too)
    /// and returns how many, so the table holds what is in force rather than every revocation ever made.
    /// </summary>
    Task<int> PurgeExpiredRevocationsAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
