using PasskeyGateway.Authentication;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Headers;

/// <summary>
/// The signed assertion of a validated token for one cluster, minted once and reused until shortly before it expires:
/// for the requests the gateway proxies and the answers of <c>/.auth/verify</c>.
/// </summary>
internal sealed class IdentityAssertions(TokenIssuer tokenIssuer, TimeProvider timeProvider)
{
    /// <summary>An assertion is reused until this long before it expires.</summary>
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);

    public string For(ValidatedToken token, string clusterId, TimeSpan lifetime)
    {
        var now = timeProvider.GetUtcNow();
        if (token.Assertions.TryGetValue(clusterId, out var cached) && cached.ExpiresAt - Renewal > now)
        {
            return cached.Token;
        }

        var issued = tokenIssuer.IssueAssertion(token.Principal, clusterId, lifetime, token.ExpiresAt);
        token.Assertions[clusterId] = issued;
        return issued.Token;
    }
}
