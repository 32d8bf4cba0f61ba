namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// The gateway's durable system of record (DESIGN.md §7): users, passkeys, bound devices, biometric keys, sessions,
/// enrollment links, revocations and the audit trail. Implementations: SQLite (the default) and PostgreSQL (many replicas); both pass the same
/// contract tests. One object serves every role; a consumer asks for the roles it uses (<see cref="IUserRepository"/>,
/// <see cref="IPasskeyRepository"/>, …), this whole interface being for what runs the store itself.
/// </summary>
/// <remarks>
/// Expected refusals (a taken username or credential id) are results; exceptions mean a bug or an unusable store.
/// The repository never reads the clock: callers pass every time, which is kept to the microsecond and returned in UTC.
/// Operations that name a user only touch that user's rows, so an id belonging to someone else finds nothing.
/// </remarks>
public interface ICredentialRepository
    : IUserRepository, IPasskeyRepository, IDeviceRepository, IBiometricKeyRepository, ISessionRepository, IEnrollmentLinkRepository,
      ISecretRepository, IRevocationRepository, IAuditRepository
{
    /// <summary>
    /// Creates or migrates the schema. Safe when several processes start at once; operations call it themselves on
    /// first use. Throws <see cref="InvalidOperationException"/> for a schema newer than this code knows.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken);
}
