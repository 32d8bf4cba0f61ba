namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// The credential store could not be reached, or dropped the connection: an outage of the server, not a fault of the
/// request. The gateway answers <c>503 credential-store-unavailable</c>. The message names the store, never a password.
/// </summary>
public sealed class CredentialStoreUnavailableException : Exception
{
    public CredentialStoreUnavailableException()
    {
    }

    public CredentialStoreUnavailableException(string message)
        : base(message)
    {
    }

    public CredentialStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
