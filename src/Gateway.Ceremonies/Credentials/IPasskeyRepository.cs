namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// Passkeys: added at registration, found at sign-in, their use recorded, renamed and removed by their owner.
/// A role of the credential store (<see cref="ICredentialRepository"/>).
/// </summary>
public interface IPasskeyRepository
{
    /// <summary><see cref="CreateResult.Conflict"/> when any user already has this credential id.</summary>
    Task<CreateResult> AddPasskeyAsync(Passkey passkey, CancellationToken cancellationToken);

    Task<Passkey?> FindPasskeyAsync(ReadOnlyMemory<byte> credentialId, CancellationToken cancellationToken);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<Passkey>> ListPasskeysAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Records a successful sign-in. The stored sign count never goes down: of two sign-ins racing, the higher count
    /// stays. <c>false</c> when the passkey does not exist.
    /// </summary>
    Task<bool> RecordPasskeySignInAsync(ReadOnlyMemory<byte> credentialId, uint signCount, bool backupState, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary>Marks the passkey as suspicious (e.g. a sign-count regression, a possible clone); the latest flag wins.</summary>
    Task<bool> FlagPasskeyAsync(ReadOnlyMemory<byte> credentialId, string reason, DateTimeOffset flaggedAt, CancellationToken cancellationToken);

    Task<bool> RenamePasskeyAsync(string userId, ReadOnlyMemory<byte> credentialId, string? nickname, CancellationToken cancellationToken);

    /// <summary>Deletes the user's passkey; <c>false</c> when it does not exist or belongs to another user.</summary>
    Task<bool> DeletePasskeyAsync(string userId, ReadOnlyMemory<byte> credentialId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the user's passkey unless that leaves the user no way to sign in (no passkey and no unrevoked biometric
    /// key): then <see cref="CredentialRemoval.LastCredential"/> and nothing changes. The removal and the count of what
    /// remains are one transaction that holds the user's row, so two removals racing for a user's last two credentials
    /// cannot both succeed, on one replica or on several.
    /// </summary>
    Task<CredentialRemoval> DeletePasskeyUnlessLastAsync(string userId, ReadOnlyMemory<byte> credentialId, CancellationToken cancellationToken);
}
