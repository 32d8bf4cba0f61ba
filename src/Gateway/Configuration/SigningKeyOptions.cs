namespace PasskeyGateway.Configuration;

public sealed record SigningKeyOptions
{
    /// <summary>A PEM file holding an EC P-256 or RSA (2048+) private key; relative to the config file.</summary>
    public string? Path { get; init; }

    /// <summary>JWS algorithm; by default ES256 for EC keys and RS256 for RSA keys.</summary>
    public string? Algorithm { get; init; }
}
