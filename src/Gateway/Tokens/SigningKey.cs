using Microsoft.IdentityModel.Tokens;

namespace PasskeyGateway.Tokens;

/// <summary>One private key of the gateway, its RFC 7638 thumbprint as <c>kid</c>.</summary>
internal sealed class SigningKey
{
    public SigningKey(AsymmetricSecurityKey privateKey, JsonWebKey publicJwk, string algorithm, string source)
    {
        KeyId = privateKey.KeyId;
        Algorithm = algorithm;
        SecurityKey = privateKey;
        PublicJwk = publicJwk;
        Source = source;
        Credentials = new SigningCredentials(privateKey, algorithm);
    }

    public string KeyId { get; }

    public string Algorithm { get; }

    public AsymmetricSecurityKey SecurityKey { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>The public half, as published in the JWKS.</summary>
    public JsonWebKey PublicJwk { get; }

    /// <summary>Where the key came from (a file path); for startup messages, never the key itself.</summary>
    public string Source { get; }
}
