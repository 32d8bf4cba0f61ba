using PasskeyGateway.Ceremonies.Revocations;

namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// The gateway's durable system of record (DESIGN.md §7): users, passkeys, bound devices, biometric keys, revocations
/// and the audit trail. Implementations: SQLite (the default) and PostgreSQL (many replicas); both pass the same
/// contract tests.
/// </summary>
/// <remarks>
/// Expected refusals (a taken username or credential id) are results; exceptions mean a bug or an unusable store.
/// The repository never reads the clock: callers pass every time, which is kept to the microsecond and returned in UTC.
/// Operations that name a user only touch that user's rows, so an id belonging to someone else finds nothing.
/// </remarks>
public interface ICredentialRepository
{
    /// <summary>
    /// Creates or migrates the schema. Safe when several processes start at once; operations call it themselves on
    /// first use. Throws <see cref="InvalidOperationException"/> for a schema newer than this code knows.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    // Users

    /// <summary><see cref="CreateResult.Conflict"/> when the username (after normalization), id or user handle is taken.</summary>
    Task<CreateResult> CreateUserAsync(UserAccount user, CancellationToken cancellationToken);

    Task<UserAccount?> FindUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Finds the user whose username matches after <see cref="UsernameNormalizer"/> (case and Unicode form ignored).</summary>
    Task<UserAccount?> FindUserByUsernameAsync(string username, CancellationToken cancellationToken);

    Task<UserAccount?> FindUserByHandleAsync(ReadOnlyMemory<byte> userHandle, CancellationToken cancellationToken);

    /// <summary>The user's passkeys, devices and biometric keys that still work: to refuse removing the last one.</summary>
    Task<ActiveCredentialCount> CountActiveCredentialsAsync(string userId, CancellationToken cancellationToken);

    // Passkeys

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

    // Bound devices

    /// <summary><see cref="CreateResult.Conflict"/> when the user has an active device with this device key id.</summary>
    Task<CreateResult> AddDeviceAsync(BoundDevice device, CancellationToken cancellationToken);

    /// <summary>Finds a device, revoked or not.</summary>
    Task<BoundDevice?> FindDeviceAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>The user's devices, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<BoundDevice>> ListDevicesAsync(string userId, CancellationToken cancellationToken);

    /// <summary><c>false</c> when the device does not exist or is revoked.</summary>
    Task<bool> RecordDeviceUseAsync(string deviceId, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes the user's device and, in the same transaction, the biometric keys tied to it. <c>null</c> when the
    /// device does not exist, belongs to another user or was already revoked.
    /// </summary>
    Task<RevokedDevice?> RevokeDeviceAsync(string userId, string deviceId, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    // Biometric keys

    /// <summary>
    /// <see cref="CreateResult.Conflict"/> when the key id was ever used; <see cref="CreateResult.DeviceNotActive"/>
    /// when <see cref="BiometricKey.DeviceId"/> is not an active device of the same user (checked in the same transaction).
    /// </summary>
    Task<CreateResult> AddBiometricKeyAsync(BiometricKey key, CancellationToken cancellationToken);

    /// <summary>Finds a key, revoked or not.</summary>
    Task<BiometricKey?> FindBiometricKeyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>The user's keys, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<BiometricKey>> ListBiometricKeysAsync(string userId, CancellationToken cancellationToken);

    /// <summary><c>false</c> when the key does not exist or is revoked.</summary>
    Task<bool> RecordBiometricKeyUseAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary><c>false</c> when the key does not exist, belongs to another user or was already revoked.</summary>
    Task<bool> RevokeBiometricKeyAsync(string userId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>Revokes the user's biometric key unless that leaves the user no way to sign in, as <see cref="DeletePasskeyUnlessLastAsync"/>.</summary>
    Task<CredentialRemoval> RevokeBiometricKeyUnlessLastAsync(string userId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    // Secrets

    /// <summary>
    /// The secret named <paramref name="name"/>: <paramref name="length"/> random bytes made by the first caller, then
    /// the same for every replica and restart on this store (of replicas making it at once, one insert wins and all
    /// read it). It outlives signing-key rotations, which is what the keys of long-lived derived values need.
    /// </summary>
    Task<byte[]> GetOrCreateSecretAsync(string name, int length, CancellationToken cancellationToken);

    // Revocations

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

    // Audit trail

    /// <summary>Appends an entry and returns its id.</summary>
    Task<long> AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// At most <paramref name="limit"/> records, newest first, with ids below <paramref name="beforeId"/> when given
    /// (keyset paging: pass the previous page's <see cref="AuditPage.NextBeforeId"/>), of one user when given.
    /// </summary>
    Task<AuditPage> ReadAuditAsync(string? userId, long? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes the audit entries recorded before <paramref name="before"/> and returns how many.</summary>
    Task<int> PurgeAuditAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
