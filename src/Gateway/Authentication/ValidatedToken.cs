using System.Collections.Concurrent;
using System.Security.Claims;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Headers;
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

    /// <summary>What the token's <c>device_id</c> names, as looked up when it was validated.</summary>
    public DeviceBinding DeviceBinding => (Principal as SelfIssuedPrincipal)?.DeviceBinding ?? DeviceBinding.None;

    private CachedHeaders? _headers;

    /// <summary>
    /// The identity header values of this token under <paramref name="plan"/>, built once: the token is shared by every
    /// request that presents it, so the claims are not walked again per request (until the configuration changes).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> HeaderValues(IdentityHeaderPlan plan)
    {
        if (Volatile.Read(ref _headers) is { } cached && ReferenceEquals(cached.Plan, plan))
        {
            return cached.Values;
        }

        var values = new List<KeyValuePair<string, string>>(plan.Mappings.Count);
        foreach (var mapping in plan.Mappings)
        {
            if (IdentityHeaderValue.Build(Principal.FindAll(mapping.ClaimType).Select(c => c.Value)) is { } value)
            {
                values.Add(new(mapping.Header, value));
            }
        }

        Volatile.Write(ref _headers, new CachedHeaders(plan, values));
        return values;
    }

    /// <summary>Assertions minted for this token, one per cluster, reused until shortly before they expire.</summary>
    public ConcurrentDictionary<string, IssuedToken> Assertions =>
        LazyInitializer.EnsureInitialized(ref _assertions, () => new ConcurrentDictionary<string, IssuedToken>(StringComparer.Ordinal));

    private sealed record CachedHeaders(IdentityHeaderPlan Plan, IReadOnlyList<KeyValuePair<string, string>> Values);
}
