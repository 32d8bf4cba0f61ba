using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Tokens;

/// <summary>Mints the gateway's JWTs with the current signing key: access tokens, session tokens, assertions.</summary>
internal sealed class TokenIssuer(GatewayOptions options, SigningKeyRing keys, TimeProvider timeProvider)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The token of the sign-in answer, for API callers (<c>typ: JWT</c>), never outliving its session.</summary>
    public IssuedToken IssueAccessToken(SignInIdentity identity) =>
        Issue(IdentityClaims(identity), options.Tokens.Audience, WithinSession(identity, options.Tokens.Lifetime), GatewayAuthenticationDefaults.AccessTokenType);

    /// <summary>
    /// The session cookie's token: same claims, a type only the cookie accepts, and the session's end — the sign-in's
    /// time plus the session lifetime, also when a session is raised later (DESIGN.md §11.6: no token outlives its session).
    /// </summary>
    public IssuedToken IssueSessionToken(SignInIdentity identity) =>
        Issue(IdentityClaims(identity), options.Tokens.Audience, WithinSession(identity, options.Session.Lifetime), GatewayAuthenticationDefaults.SessionTokenType);

    /// <summary>
    /// A short-lived assertion of the caller's identity for one backend (<c>aud</c> = its cluster id), never outliving
    /// the token it stands for.
    /// </summary>
    public IssuedToken IssueAssertion(ClaimsPrincipal user, string clusterId, TimeSpan lifetime, DateTimeOffset notAfter)
    {
        var claims = ClaimValues(user.Claims, AssertionClaimTypes.Contains);
        var issuer = user.Identity is { AuthenticationType: GatewayAuthenticationDefaults.External } ? user.FindFirst(GatewayClaimTypes.Subject)?.Issuer : null;
        if (issuer is not null)
        {
            claims["idp"] = issuer;
        }

        var remaining = notAfter - timeProvider.GetUtcNow();
        return Issue(claims, clusterId, remaining < lifetime ? remaining : lifetime, GatewayAuthenticationDefaults.AssertionTokenType);
    }

    public IssuedToken Issue(IDictionary<string, object> claims, string audience, TimeSpan lifetime, string tokenType)
    {
        var now = timeProvider.GetUtcNow();
        var expires = now + lifetime;
        claims[JwtRegisteredClaimNames.Jti] = NewId();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Tokens.Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = keys.Current.Credentials,
            TokenType = tokenType,
        };
        return new IssuedToken(_handler.CreateToken(descriptor), DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>
    /// The claims of the types <paramref name="include"/> takes, as token claims again: grouped by type, JSON types
    /// restored; one value stays a value, several become an array (<c>amr</c> is always one).
    /// </summary>
    public static Dictionary<string, object> ClaimValues(IEnumerable<Claim> claims, Func<string, bool> include)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var group in claims.GroupBy(c => c.Type, StringComparer.Ordinal))
        {
            if (!include(group.Key))
            {
                continue;
            }

            var typed = group.Select(TypedValue).ToArray();
            values[group.Key] = typed.Length == 1 && group.Key != GatewayClaimTypes.AuthenticationMethods ? typed[0] : typed;
        }

        return values;
    }

    /// <summary>A claim's value with its JSON type restored (numbers and booleans are strings inside a ClaimsIdentity).</summary>
    private static object TypedValue(Claim claim) => claim.ValueType switch
    {
        ClaimValueTypes.Integer or ClaimValueTypes.Integer32 or ClaimValueTypes.Integer64
            when long.TryParse(claim.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
        ClaimValueTypes.Boolean when bool.TryParse(claim.Value, out var flag) => flag,
        _ => claim.Value,
    };

    private TimeSpan WithinSession(SignInIdentity identity, TimeSpan lifetime)
    {
        var left = identity.AuthTime + options.Session.Lifetime - timeProvider.GetUtcNow();
        return left < lifetime ? left : lifetime;
    }

    /// <summary>128 random bits, base64url: token ids, session ids.</summary>
    public static string NewId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

    private static readonly HashSet<string> AssertionClaimTypes = new(StringComparer.Ordinal)
    {
        GatewayClaimTypes.Subject, GatewayClaimTypes.PreferredUsername, "email", "groups", GatewayClaimTypes.Role,
        GatewayClaimTypes.Roles, GatewayClaimTypes.AuthMethod, GatewayClaimTypes.AuthenticationMethods,
        GatewayClaimTypes.DeviceId, GatewayClaimTypes.AuthTime, GatewayClaimTypes.UserVerified, GatewayClaimTypes.SessionId,
    };

    private static Dictionary<string, object> IdentityClaims(SignInIdentity identity)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (type, value) in identity.ExtraClaims)
        {
            claims[type] = value;
        }

        claims[GatewayClaimTypes.Subject] = identity.UserId;
        claims[GatewayClaimTypes.PreferredUsername] = identity.Username;
        claims[GatewayClaimTypes.SessionId] = identity.SessionId;
        claims[GatewayClaimTypes.AuthTime] = identity.AuthTime.ToUnixTimeSeconds();
        claims[GatewayClaimTypes.UserVerified] = identity.UserVerified;

        // Always set by a sign-in; absent only from a session raised from a token minted without them (token issue).
        if (identity.Amr.Count > 0)
        {
            claims[GatewayClaimTypes.AuthenticationMethods] = identity.Amr.ToArray();
        }

        if (identity.AuthMethod.Length > 0)
        {
            claims[GatewayClaimTypes.AuthMethod] = identity.AuthMethod;
        }

        if (identity.CredentialId is { } credentialId)
        {
            claims[GatewayClaimTypes.CredentialId] = credentialId;
        }

        if (identity.DeviceId is { } deviceId)
        {
            claims[GatewayClaimTypes.DeviceId] = deviceId;
        }

        return claims;
    }
}
