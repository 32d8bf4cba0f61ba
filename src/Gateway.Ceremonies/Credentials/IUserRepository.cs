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

    /// <summary>The user's passkeys, devices and biometric keys that still work: to refuse removing the last one.</summary>
    Task<ActiveCredentialCount> CountActiveCredentialsAsync(string userId, CancellationToken cancellationToken);
}
