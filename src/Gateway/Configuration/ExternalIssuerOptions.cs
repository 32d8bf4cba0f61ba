namespace PasskeyGateway.Configuration;

/// <summary>An OpenID Connect issuer whose access tokens the gateway accepts.</summary>
public sealed record ExternalIssuerOptions
{
    public string? Issuer { get; init; }

    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>Discovery document; default <c>{Issuer}/.well-known/openid-configuration</c>.</summary>
    public Uri? MetadataAddress { get; init; }

    /// <summary><c>false</c> only for a loopback or development identity provider.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;

    /// <summary>Accepted JWS algorithms; asymmetric only.</summary>
    public IReadOnlyList<string> Algorithms { get; init; } = ["RS256", "PS256", "ES256"];

    /// <summary>How long fetched keys are used before the discovery document is read again.</summary>
    public TimeSpan KeyRefreshInterval { get; init; } = TimeSpan.FromHours(1);
}
