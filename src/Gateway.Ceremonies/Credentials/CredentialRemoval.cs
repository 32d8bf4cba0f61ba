namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>What became of a request to remove one of a user's credentials.</summary>
public enum CredentialRemoval
{
    Removed,

    /// <summary>No such credential for this user (unknown, already removed, or someone else's).</summary>
    NotFound,

    /// <summary>It is the user's last way to sign in, and the removal was asked to keep that.</summary>
    LastCredential,
}
