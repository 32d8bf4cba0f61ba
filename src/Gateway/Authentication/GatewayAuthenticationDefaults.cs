namespace PasskeyGateway.Authentication;

internal static class GatewayAuthenticationDefaults
{
    public const string Scheme = "Gateway";

    /// <summary><see cref="System.Security.Claims.ClaimsIdentity.AuthenticationType"/> of a token the gateway minted.</summary>
    public const string SelfIssued = "gateway";

    /// <summary><see cref="System.Security.Claims.ClaimsIdentity.AuthenticationType"/> of a token from an external issuer.</summary>
    public const string External = "external";

    /// <summary>JWT <c>typ</c> of the tokens handed to API callers.</summary>
    public const string AccessTokenType = "JWT";

    /// <summary>JWT <c>typ</c> of the session cookie's token: never accepted as a bearer token, nor the other way round.</summary>
    public const string SessionTokenType = "gateway-session+jwt";

    /// <summary>JWT <c>typ</c> of the assertion forwarded to backends: never accepted by the gateway.</summary>
    public const string AssertionTokenType = "gateway-assertion+jwt";
}
