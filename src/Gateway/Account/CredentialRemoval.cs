namespace PasskeyGateway.Account;

internal enum CredentialRemoval
{
    Removed,

    /// <summary>No such credential for this user (unknown, already removed, or someone else's).</summary>
    NotFound,

    /// <summary>It is the user's last way to sign in and the configuration keeps it.</summary>
    LastCredential,
}
