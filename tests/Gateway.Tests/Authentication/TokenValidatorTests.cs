using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Configuration;
using PasskeyGateway.Observability;
using PasskeyGateway.Problems;
using PasskeyGateway.Testing;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Tests.Authentication;

/// <summary>
/// The token validator on its own, on a clock the test moves and a revocation list it fills: tokens the gateway minted
/// pass, for their place (bearer or cookie) and their time only; a revocation refuses a token at once, cached or not.
/// </summary>
public sealed class TokenValidatorTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("token-validator-").FullName;
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly ServiceProvider _services;
    private readonly InMemoryRevocationList _revocations;
    private readonly TokenIssuer _issuer;
    private readonly TokenValidator _validator;
    private readonly GatewayOptions _options;
    private readonly SigningKeyRing _keys;

    public TokenValidatorTests()
    {
        _options = new GatewayOptions
        {
            PublicOrigin = new Uri("https://app.example.com"),
            Tokens = new TokenOptions { Issuer = "https://app.example.com", Audience = "app", Lifetime = TimeSpan.FromMinutes(15) },
            DataDirectory = _directory,
        };
        _services = new ServiceCollection().AddMetrics().AddHttpClient().BuildServiceProvider();
        _keys = SigningKeyRing.Load(_options);
        _revocations = new InMemoryRevocationList(_clock);
        _issuer = new TokenIssuer(_options, _keys, _clock);
        _validator = new TokenValidator(
            _options,
            _keys,
            new ExternalIssuerRegistry(_options, _services.GetRequiredService<IHttpClientFactory>(), _clock, NullLoggerFactory.Instance),
            _revocations,
            new ValidatedTokenCache(_clock),
            _clock,
            new GatewayMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            NullLogger<TokenValidator>.Instance);
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task AccessToken_AsBearer_IsValid_WithItsClaims()
    {
        var identity = Identity();

        var outcome = await _validator.ValidateAsync(_issuer.IssueAccessToken(identity).Token, TokenSource.Bearer, default);

        Assert.Null(outcome.Problem);
        Assert.Equal("alice", outcome.Token!.Principal.FindFirst(GatewayClaimTypes.Subject)!.Value);
        Assert.Equal(identity.SessionId, outcome.Token.RevocationKeys!.Value.SessionId);
    }

    [Fact]
    public async Task SessionToken_IsValidOnlyAsTheCookie_AndAccessTokenOnlyAsBearer()
    {
        var identity = Identity();
        var session = _issuer.IssueSessionToken(identity).Token;
        var access = _issuer.IssueAccessToken(identity).Token;

        Assert.Null((await _validator.ValidateAsync(session, TokenSource.Cookie, default)).Problem);
        Assert.Equal(ProblemCatalog.TokenTypeInvalid, (await _validator.ValidateAsync(session, TokenSource.Bearer, default)).Problem);
        Assert.Equal(ProblemCatalog.TokenTypeInvalid, (await _validator.ValidateAsync(access, TokenSource.Cookie, default)).Problem);
    }

    [Fact]
    public async Task Token_PastItsLifetimeAndTheSkew_IsExpired_EvenOnceCached()
    {
        var token = _issuer.IssueAccessToken(Identity()).Token;
        Assert.Null((await _validator.ValidateAsync(token, TokenSource.Bearer, default)).Problem);

        _clock.Advance(TimeSpan.FromMinutes(15) + TokenValidator.ClockSkew - TimeSpan.FromSeconds(1));
        var withinSkew = await _validator.ValidateAsync(token, TokenSource.Bearer, default);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await _validator.ValidateAsync(token, TokenSource.Bearer, default);

        Assert.Null(withinSkew.Problem);
        Assert.Equal(ProblemCatalog.TokenExpired, expired.Problem);
    }

    [Theory]
    [InlineData(RevocationKind.Session, "session-revoked")]
    [InlineData(RevocationKind.Credential, "credential-revoked")]
    [InlineData(RevocationKind.Device, "device-revoked")]
    [InlineData(RevocationKind.User, "user-sessions-revoked")]
    public async Task Revocation_RefusesACachedToken_AtTheNextValidation(RevocationKind kind, string code)
    {
        var identity = Identity() with { CredentialId = "cred-1", DeviceId = "device-1" };
        var token = _issuer.IssueAccessToken(identity).Token;
        Assert.Null((await _validator.ValidateAsync(token, TokenSource.Bearer, default)).Problem);
        _clock.Advance(TimeSpan.FromSeconds(1));

        var id = kind switch
        {
            RevocationKind.Session => identity.SessionId,
            RevocationKind.Credential => "cred-1",
            RevocationKind.Device => "device-1",
            _ => identity.UserId,
        };
        _revocations.Add(new Revocation(kind, id, _clock.GetUtcNow(), _clock.GetUtcNow().AddHours(1)));

        Assert.Equal(code, (await _validator.ValidateAsync(token, TokenSource.Bearer, default)).Problem?.Code);
    }

    [Fact]
    public async Task Token_ForAnotherAudienceOrIssuer_IsRefused()
    {
        var foreignAudience = _issuer.Issue(new Dictionary<string, object> { ["sub"] = "alice" }, "another-app", TimeSpan.FromMinutes(5), GatewayAuthenticationDefaults.AccessTokenType).Token;
        // The gateway's own key, another issuer's name: the issuer is what decides whose token it is.
        var elsewhere = new TokenIssuer(_options with { Tokens = _options.Tokens with { Issuer = "https://elsewhere.example" } }, _keys, _clock);
        var foreignIssuer = elsewhere.IssueAccessToken(Identity()).Token;

        Assert.Equal(ProblemCatalog.TokenAudienceInvalid, (await _validator.ValidateAsync(foreignAudience, TokenSource.Bearer, default)).Problem);
        Assert.Equal(ProblemCatalog.TokenIssuerUnknown, (await _validator.ValidateAsync(foreignIssuer, TokenSource.Bearer, default)).Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    public async Task NotAJwt_IsMalformed(string token)
    {
        Assert.Equal(ProblemCatalog.TokenMalformed, (await _validator.ValidateAsync(token, TokenSource.Bearer, default)).Problem);
    }

    private SignInIdentity Identity() =>
        new("alice", "alice", AuthMethods.Passkey, ["hwk", "user", "mfa"], TokenIssuer.NewId(), _clock.GetUtcNow()) { UserVerified = true };
}
