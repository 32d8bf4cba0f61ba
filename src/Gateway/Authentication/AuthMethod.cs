namespace PasskeyGateway.Authentication;

/// <summary>How a session was signed in: the token's <c>auth_method</c> claim, and what a policy's <c>AuthMethods</c> accepts.</summary>
public enum AuthMethod
{
    /// <summary>A passkey (WebAuthn) ceremony.</summary>
    Passkey,

    /// <summary>A mobile app's biometric-protected key.</summary>
    Biometric,

    /// <summary>A token of an external OpenID Connect issuer.</summary>
    External,
}
