using System.Collections.Concurrent;
using System.Security.Claims;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Authentication;

/// <summary>
/// A token that passed validation, shared by every request that presents it until it expires. The principal is
/// treated as read-only once cached.
/// </summary>
internal sealed class ValidatedToken(ClaimsPrincipal principal, DateTimeOffset expiresAt, TokenRevocationKeys? revocationKeys)
{
    private ConcurrentDictionary<string, IssuedToken>? _assertions;

    public ClaimsPrincipal Principal { get; } = principal;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>The ids a revocation can name; <c>null</c> for tokens of external issuers.</summary>
    public TokenRevocationKeys? RevocationKeys { get; } = revocationKeys;

    public bool IsSelfIssued => RevocationKeys is not null;

    /// <summary>Assertions minted for this token, one per cluster, reused until shortly before they expire.</summary>
    public ConcurrentDictionary<string, IssuedToken> Assertions =>
        LazyInitializer.EnsureInitialized(ref _assertions, () => new ConcurrentDictionary<string, IssuedToken>(StringComparer.Ordinal));
}
