namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// Enrollment and recovery links (DESIGN.md §11.1, §11.6), by the SHA-256 of their token. A role of the credential
/// store (<see cref="ICredentialRepository"/>).
/// </summary>
public interface IEnrollmentLinkRepository
{
    /// <summary>Stores <paramref name="link"/> and voids every other unspent link of its user, in one transaction.</summary>
    Task AddEnrollmentLinkAsync(EnrollmentLink link, CancellationToken cancellationToken);

    /// <summary>The link, if it is usable at <paramref name="now"/> and its account exists and is not disabled.</summary>
    Task<EnrollmentLink?> FindUsableEnrollmentLinkAsync(ReadOnlyMemory<byte> tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Spends the link and stores <paramref name="passkey"/> (of the link's user) in one transaction, with a conditional
    /// update (not spent, not voided, not expired, account enabled), so two finishes racing cannot both succeed.
    /// </summary>
    Task<EnrollmentResult> EnrollAsync(ReadOnlyMemory<byte> tokenHash, Passkey passkey, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Voids every unspent link of the user (the account was disabled).</summary>
    Task VoidEnrollmentLinksAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes links spent, voided or expired before <paramref name="before"/>; answers how many.</summary>
    Task<int> PurgeEnrollmentLinksAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
