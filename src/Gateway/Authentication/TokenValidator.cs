using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Configuration;
using PasskeyGateway.Observability;
using PasskeyGateway.Problems;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Authentication;

/// <summary>
/// Validates a bearer or session token: the gateway's own (ES256 by default) or an external issuer's. Header checks
/// come first and refuse what JWT libraries have been tricked with before: <c>alg: none</c>, keys carried or pointed at
/// by the token (<c>jwk</c>, <c>jku</c>, <c>x5c</c>, <c>x5u</c>), unknown critical extensions, a missing <c>kid</c>.
/// Validated tokens are cached by hash until expiry; revocations are checked on every call. A self-issued token's
/// <c>device_id</c> is looked up once, at validation (<see cref="DeviceBindingCache"/>), and the answer travels with
/// the token's principal (<see cref="SelfIssuedPrincipal"/>) for KnownDevice policies.
/// </summary>
internal sealed partial class TokenValidator
{
    /// <summary>DESIGN.md §10: clock skew 30 s.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Longer than any token the gateway or a sane issuer mints; refused before any parsing.</summary>
    public const int MaxTokenLength = 16 * 1024;

    private static readonly string[] ForbiddenHeaders = ["jku", "x5u", "jwk", "x5c", "crit"];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly string _issuer;
    private readonly TokenValidationParameters _bearerParameters;
    private readonly TokenValidationParameters _cookieParameters;
    private readonly SigningKeyRing _keys;
    private readonly ExternalIssuerRegistry _externalIssuers;
    private readonly IRevocationList _revocations;
    private readonly ValidatedTokenCache _cache;
    private readonly DeviceBindingCache _devices;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<TokenValidator> _logger;

    public TokenValidator(
        GatewayOptions options,
        SigningKeyRing keys,
        ExternalIssuerRegistry externalIssuers,
        IRevocationList revocations,
        ValidatedTokenCache cache,
        DeviceBindingCache devices,
        TimeProvider timeProvider,
        GatewayMetrics metrics,
        ILogger<TokenValidator> logger)
    {
        _issuer = options.Tokens.Issuer;
        _keys = keys;
        _externalIssuers = externalIssuers;
        _revocations = revocations;
        _cache = cache;
        _devices = devices;
        _metrics = metrics;
        _logger = logger;
        _bearerParameters = CreateSelfParameters(options, keys, timeProvider, GatewayAuthenticationDefaults.AccessTokenType);
        _cookieParameters = CreateSelfParameters(options, keys, timeProvider, GatewayAuthenticationDefaults.SessionTokenType);
    }

    public async ValueTask<TokenValidationOutcome> ValidateAsync(string token, TokenSource source, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > MaxTokenLength)
        {
            return TokenValidationOutcome.Failure(ProblemCatalog.TokenMalformed);
        }

        var hash = TokenHash.Compute(token, source);
        if (_cache.TryGet(hash, out var cached))
        {
            return Count(CheckRevocation(cached), cached, cacheHit: true);
        }

        var outcome = await ValidateUncachedAsync(token, source, cancellationToken);
        if (outcome.Token is { } validated)
        {
            // A token whose device could not be looked up is not kept: the next request asks the store again.
            if (validated.DeviceBinding != DeviceBinding.Unchecked)
            {
                _cache.Add(hash, validated);
            }

            outcome = CheckRevocation(validated);
        }
        else
        {
            Log.TokenRejected(_logger, source, outcome.Problem!.Code);
        }

        return Count(outcome, outcome.Token, cacheHit: false);
    }

    private TokenValidationOutcome Count(TokenValidationOutcome outcome, ValidatedToken? token, bool cacheHit)
    {
        var issuer = token is null ? "unknown" : token.IsSelfIssued ? "self" : "external";
        _metrics.TokenValidation(issuer, outcome.Problem?.Code ?? "valid", cacheHit);
        return outcome;
    }

    private async ValueTask<TokenValidationOutcome> ValidateUncachedAsync(string token, TokenSource source, CancellationToken cancellationToken)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            return TokenValidationOutcome.Failure(ProblemCatalog.TokenMalformed);
        }

        if (jwt.IsEncrypted)
        {
            return TokenValidationOutcome.Failure(ProblemCatalog.TokenMalformed);
        }

        // RFC 8725 §3.1: never let the token choose "none"; §3.1/§2.6: never take keys from the token itself.
        if (string.IsNullOrEmpty(jwt.Alg) || jwt.Alg.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return TokenValidationOutcome.Failure(ProblemCatalog.TokenAlgorithmNotAllowed);
        }

        foreach (var header in ForbiddenHeaders)
        {
            if (jwt.TryGetHeaderValue<object>(header, out _))
            {
                return TokenValidationOutcome.Failure(ProblemCatalog.TokenHeaderNotAllowed);
            }
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return TokenValidationOutcome.Failure(ProblemCatalog.TokenKeyUnknown);
        }

        string? issuer;
        try
        {
            issuer = jwt.Issuer;
        }
        catch (Exception e) when (IsMalformed(e))
        {
            return TokenValidationOutcome.Failure(ProblemCatalog.TokenMalformed);
        }

        if (string.Equals(issuer, _issuer, StringComparison.Ordinal))
        {
            return await ValidateSelfIssuedAsync(jwt, source, cancellationToken);
        }

        // External issuers' tokens are API tokens: a session cookie only ever holds the gateway's own.
        if (source == TokenSource.Bearer && _externalIssuers.Find(issuer) is { } external)
        {
            return await ValidateExternalAsync(jwt, external, cancellationToken);
        }

        return TokenValidationOutcome.Failure(ProblemCatalog.TokenIssuerUnknown);
    }

    private async ValueTask<TokenValidationOutcome> ValidateSelfIssuedAsync(JsonWebToken jwt, TokenSource source, CancellationToken cancellationToken)
    {
        // RFC 8725 §3.1: the algorithm is the key's, never the token's choice (no HS256 "signed" with a public key).
        if (!_keys.Algorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return TokenValidationOutcome.Failure(ProblemCatalog.TokenAlgorithmNotAllowed);
        }

        if (_keys.Find(jwt.Kid) is null)
        {
            return TokenValidationOutcome.Failure(ProblemCatalog.TokenKeyUnknown);
        }

        var parameters = source == TokenSource.Bearer ? _bearerParameters : _cookieParameters;
        var result = await _handler.ValidateTokenAsync(jwt, parameters);
        if (!result.IsValid)
        {
            return TokenValidationOutcome.Failure(MapFailure(result.Exception));
        }

        var identity = result.ClaimsIdentity;
        var subject = identity.FindFirst(GatewayClaimTypes.Subject)?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            return TokenValidationOutcome.Failure(ProblemCatalog.TokenInvalid);
        }

        var authTime = ReadUnixTime(identity, GatewayClaimTypes.AuthTime) ?? ReadUnixTime(identity, GatewayClaimTypes.IssuedAt) ?? DateTimeOffset.MinValue;
        var keys = new TokenRevocationKeys(
            subject,
            identity.FindFirst(GatewayClaimTypes.SessionId)?.Value,
            identity.FindFirst(GatewayClaimTypes.CredentialId)?.Value,
            identity.FindFirst(GatewayClaimTypes.DeviceId)?.Value,
            authTime,
            long.TryParse(identity.FindFirst(GatewayClaimTypes.AccountVersion)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : 1);

        // The signature says the gateway's key made the claim, not that the device is the user's: whoever holds the key
        // can write any device_id (`gateway token issue --claim device_id=…`).
        var device = keys.DeviceId is { Length: > 0 } deviceId
            ? await _devices.ResolveAsync(deviceId, subject, cancellationToken)
            : DeviceBinding.None;
        return TokenValidationOutcome.Success(new ValidatedToken(new SelfIssuedPrincipal(identity, device), new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), keys));
    }

    private async ValueTask<TokenValidationOutcome> ValidateExternalAsync(JsonWebToken jwt, ExternalIssuer issuer, CancellationToken cancellationToken)
    {
        if (!issuer.AllowsAlgorithm(jwt.Alg))
        {
            return TokenValidationOutcome.Failure(ProblemCatalog.TokenAlgorithmNotAllowed);
        }

        var parameters = await issuer.GetParametersForKeyAsync(jwt.Kid, cancellationToken);
        if (parameters is null)
        {
            return TokenValidationOutcome.Failure(ProblemCatalog.TokenKeyUnknown);
        }

        var result = await _handler.ValidateTokenAsync(jwt, parameters);
        if (!result.IsValid)
        {
            return TokenValidationOutcome.Failure(MapFailure(result.Exception));
        }

        // Gateway claims are trusted only in self-issued tokens (DESIGN.md §10).
        var identity = result.ClaimsIdentity;
        foreach (var claim in identity.Claims.Where(c => GatewayClaimTypes.GatewayOnly.Contains(c.Type)).ToList())
        {
            identity.RemoveClaim(claim);
        }

        identity.AddClaim(new Claim(GatewayClaimTypes.AuthMethod, AuthMethods.External, ClaimValueTypes.String, issuer.Issuer));
        return TokenValidationOutcome.Success(new ValidatedToken(new ClaimsPrincipal(identity), new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), null));
    }

    private TokenValidationOutcome CheckRevocation(ValidatedToken token)
    {
        if (token.RevocationKeys is { } keys && _revocations.FindRevocation(keys) is { } kind)
        {
            Log.TokenRevoked(_logger, kind);
            return TokenValidationOutcome.Failure(kind switch
            {
                RevocationKind.Session => ProblemCatalog.SessionRevoked,
                RevocationKind.Credential => ProblemCatalog.CredentialRevoked,
                RevocationKind.Device => ProblemCatalog.DeviceRevoked,
                _ => ProblemCatalog.UserSessionsRevoked,
            });
        }

        return TokenValidationOutcome.Success(token);
    }

    /// <summary>
    /// What <see cref="JsonWebToken"/> throws for a token that is not one: its own malformed-token exceptions (argument
    /// exceptions), a segment that is not base64url (<see cref="FormatException"/>, e.g. in the five segments of a JWE
    /// compact form) and JSON it cannot read.
    /// </summary>
    private static bool IsMalformed(Exception e) => e is ArgumentException or FormatException or System.Text.Json.JsonException;

    private static GatewayProblem MapFailure(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => ProblemCatalog.TokenExpired,
        SecurityTokenNotYetValidException => ProblemCatalog.TokenNotYetValid,
        SecurityTokenInvalidAudienceException => ProblemCatalog.TokenAudienceInvalid,
        SecurityTokenInvalidIssuerException => ProblemCatalog.TokenIssuerUnknown,
        SecurityTokenSignatureKeyNotFoundException => ProblemCatalog.TokenKeyUnknown,
        SecurityTokenInvalidAlgorithmException => ProblemCatalog.TokenAlgorithmNotAllowed,
        SecurityTokenInvalidSignatureException => ProblemCatalog.TokenSignatureInvalid,
        SecurityTokenInvalidTypeException => ProblemCatalog.TokenTypeInvalid,
        SecurityTokenNoExpirationException => ProblemCatalog.TokenInvalid,
        SecurityTokenMalformedException => ProblemCatalog.TokenMalformed,
        _ => ProblemCatalog.TokenInvalid,
    };

    private static DateTimeOffset? ReadUnixTime(ClaimsIdentity identity, string type) =>
        long.TryParse(identity.FindFirst(type)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static TokenValidationParameters CreateSelfParameters(GatewayOptions options, SigningKeyRing keys, TimeProvider timeProvider, string tokenType) => new()
    {
        ValidIssuer = options.Tokens.Issuer,
        ValidAudience = options.Tokens.Audience,
        IssuerSigningKeys = keys.Keys.Select(k => k.SecurityKey),
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = keys.Algorithms,
        ValidTypes = [tokenType],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = LifetimeValidation.Create(timeProvider, ClockSkew),
        AuthenticationType = GatewayAuthenticationDefaults.SelfIssued,
        NameClaimType = GatewayClaimTypes.PreferredUsername,
        RoleClaimType = GatewayClaimTypes.Role,
        LogValidationExceptions = false,
    };

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Debug, "Rejected a {Source} token: {Code}.")]
        public static partial void TokenRejected(ILogger logger, TokenSource source, string code);

        [LoggerMessage(2002, LogLevel.Debug, "Refused a token whose {Kind} was revoked.")]
        public static partial void TokenRevoked(ILogger logger, RevocationKind kind);
    }
}
