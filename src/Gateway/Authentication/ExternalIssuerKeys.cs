using System.Collections.Frozen;
using Microsoft.IdentityModel.Tokens;

namespace PasskeyGateway.Authentication;

/// <summary>The signing keys of an external issuer as last fetched, and the validation parameters built on them.</summary>
internal sealed class ExternalIssuerKeys(FrozenDictionary<string, SecurityKey> keys, TokenValidationParameters parameters, DateTimeOffset fetchedAt)
{
    public FrozenDictionary<string, SecurityKey> Keys { get; } = keys;

    public TokenValidationParameters Parameters { get; } = parameters;

    public DateTimeOffset FetchedAt { get; } = fetchedAt;
}
