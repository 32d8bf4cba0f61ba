namespace PasskeyGateway.Configuration;

public sealed record TokenOptions
{
    /// <summary>The <c>iss</c> of minted tokens; defaults to the public origin.</summary>
    public string Issuer { get; init; } = "";

    public string Audience { get; init; } = "app";

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>PEM key files, oldest first. The last (newest) signs; all are published and accepted. None: a development key.</summary>
    public IReadOnlyList<SigningKeyOptions> SigningKeys { get; init; } = [];
}
