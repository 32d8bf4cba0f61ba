namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// Accounts: created, found by id, username or WebAuthn user handle, and what ways to sign in they still have.
/// A role of the credential store (<see cref="ICredentialRepository"/>).
/// </summary>
public interface IUserRepository
{
    /// <summary><see cref="CreateResult.Conflict"/> when the username (after normalization), id or user handle is taken.</summary>
    Task<CreateResult> CreateUserAsync(UserAccount user, CancellationToken cancellationToken);

    Task<UserAccount?> FindUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Finds the user whose username matches after <see cref="UsernameNormalizer"/> (case and Unicode form ignored).</summary>
    Task<UserAccount?> FindUserByUsernameAsync(string username, CancellationToken cancellationToken);

    Task<UserAccount?> FindUserByHandleAsync(ReadOnlyMemory<byte> userHandle, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> and bumps the version; answers the account as it now is, or <c>null</c> for
    /// an unknown id. Disabling voids the account's enrollment links (at <paramref name="now"/>).
    /// </summary>
    Task<UserAccount?> UpdateUserAsync(string userId, AccountChange change, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Accounts in normalized-username order after <paramref name="after"/> (a previous page's <see cref="UserPage.Next"/>),
    /// those whose username, display name or email contains <paramref name="query"/> (case ignored) when one is given.
    /// </summary>
    Task<UserPage> ListUsersAsync(string? query, string? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the account with its passkeys, devices, biometric keys, sessions and enrollment links, in one
    /// transaction; the audit trail stays. <c>false</c> for an unknown id.
    /// </summary>
    Task<bool> DeleteUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user's passkeys, devices and biometric keys that still work: to refuse removing the last one.</summary>
    Task<ActiveCredentialCount> CountActiveCredentialsAsync(string userId, CancellationToken cancellationToken);
}
