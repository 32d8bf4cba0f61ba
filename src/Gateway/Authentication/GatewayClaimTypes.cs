namespace PasskeyGateway.Authentication;

/// <summary>Claim names, raw as in the JWT (no inbound claim mapping, DESIGN.md §10).</summary>
internal static class GatewayClaimTypes
{
    public const string Subject = "sub";
    public const string PreferredUsername = "preferred_username";
    public const string SessionId = "sid";
    public const string AuthTime = "auth_time";
    public const string AuthenticationMethods = "amr";
    public const string IssuedAt = "iat";
    public const string Expires = "exp";
    public const string Issuer = "iss";
    public const string Role = "role";
    public const string Roles = "roles";
    public const string Groups = "groups";
    public const string Email = "email";

    /// <summary>The account's version when the token was minted (DESIGN.md §11.6): an account change revokes older ones.</summary>
    public const string AccountVersion = "ver";

    // Gateway claims: trusted only in self-issued tokens.
    public const string AuthMethod = "auth_method";
    public const string CredentialId = "cred_id";
    public const string DeviceId = "device_id";
    public const string UserVerified = "uv";

    public static readonly IReadOnlyList<string> GatewayOnly = [AuthMethod, CredentialId, DeviceId, UserVerified];
}
