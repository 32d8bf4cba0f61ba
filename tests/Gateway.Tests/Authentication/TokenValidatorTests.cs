using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Credentials.Sqlite;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Configuration;
using PasskeyGateway.Observability;
using PasskeyGateway.Problems;
using PasskeyGateway.Testing;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Tests.Authentication;

/// <summary>
/// The token validator on its own, on a clock the test moves, a SQLite store and the revocation list over it: tokens
/// the gateway minted pass, for their place (bearer or cookie) and their time only; a revocation refuses a token at
/// once, cached or not; a <c>device_id</c> is looked up in the store once per token.
/// </summary>
public sealed class TokenValidatorTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("token-validator-").FullName;
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly ServiceProvider _services;
    private readonly SqliteCredentialRepository _store;
    private readonly DurableRevocationList _revocations;
    private readonly DeviceBindingCache _devices;
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
        _store = StoredDevices.OpenSqlite(_directory);
        _revocations = new DurableRevocationList(_store, _clock, NullLogger<DurableRevocationList>.Instance);
        _devices = new DeviceBindingCache(_store, _revocations, NullLogger<DeviceBindingCache>.Instance);
        _issuer = new TokenIssuer(_options, _keys, _clock);
        _validator = NewValidator(_devices);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _devices.Dispose();
        _revocations.Dispose();
        _store.Dispose();
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
        await _revocations.RevokeAsync(new Revocation(kind, id, _clock.GetUtcNow(), _clock.GetUtcNow().AddHours(1)), Cancel);

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

    [Theory]
    [InlineData("own", nameof(DeviceBinding.Bound))]
    [InlineData("another user's", nameof(DeviceBinding.NotBound))]
    [InlineData("revoked", nameof(DeviceBinding.NotBound))]
    [InlineData("invented", nameof(DeviceBinding.NotBound))]
    [InlineData("none", nameof(DeviceBinding.None))]
    public async Task SelfIssuedToken_DeviceBinding_IsWhatTheStoreSaysOfItsDeviceAndSubject(string device, string expected)
    {
        var alice = await CreateUserAsync(_store);
        var bob = await CreateUserAsync(_store);
        var deviceId = device switch
        {
            "own" => await BindDeviceAsync(_store, alice),
            "another user's" => await BindDeviceAsync(_store, bob),
            "revoked" => await BindDeviceAsync(_store, alice),
            "invented" => "dev-" + TokenIssuer.NewId(),
            _ => null,
        };
        if (device == "revoked")
        {
            // Marked revoked in the store only: the binding is what refuses it, not a revocation the list holds.
            await _store.RevokeDeviceAsync(alice, deviceId!, _clock.GetUtcNow(), Cancel);
        }

        var outcome = await _validator.ValidateAsync(_issuer.IssueAccessToken(Identity(alice) with { DeviceId = deviceId }).Token, TokenSource.Bearer, Cancel);

        Assert.Null(outcome.Problem);
        Assert.Equal(expected, outcome.Token!.DeviceBinding.ToString());
        Assert.Equal(expected, Assert.IsType<SelfIssuedPrincipal>(outcome.Token.Principal).DeviceBinding.ToString());
    }

    [Fact]
    public async Task CachedToken_KeepsItsDeviceAnswer_WithoutAskingTheStoreAgain()
    {
        var folder = Path.Combine(_directory, "store");
        Directory.CreateDirectory(folder);
        using var store = StoredDevices.OpenSqlite(folder);
        using var devices = new DeviceBindingCache(store, _revocations, NullLogger<DeviceBindingCache>.Instance);
        var validator = NewValidator(devices);
        var alice = await CreateUserAsync(store);
        var deviceId = await BindDeviceAsync(store, alice);
        var token = _issuer.IssueAccessToken(Identity(alice) with { DeviceId = deviceId }).Token;
        Assert.Equal(DeviceBinding.Bound, (await validator.ValidateAsync(token, TokenSource.Bearer, Cancel)).Token!.DeviceBinding);

        // An unrelated revocation empties the device cache, and the store goes away: only the token cache can answer.
        await _revocations.RevokeAsync(new Revocation(RevocationKind.Session, "another-session", _clock.GetUtcNow(), _clock.GetUtcNow().AddHours(1)), Cancel);
        store.Dispose();
        Directory.Move(folder, folder + "-unmounted");
        var again = await validator.ValidateAsync(token, TokenSource.Bearer, Cancel);

        Assert.Null(again.Problem);
        Assert.Equal(DeviceBinding.Bound, again.Token!.DeviceBinding);
        Assert.Equal(DeviceBinding.Unchecked, await devices.ResolveAsync(deviceId, alice, Cancel));
    }

    [Fact]
    public async Task Token_WhoseDeviceCouldNotBeLookedUp_IsValidButUnchecked_AndNotCached()
    {
        // A store in a folder that does not exist yet cannot be opened (SQLite's CANTOPEN), until the folder appears.
        var folder = Path.Combine(_directory, "mounted-later");
        using var store = StoredDevices.OpenSqlite(folder);
        using var devices = new DeviceBindingCache(store, _revocations, NullLogger<DeviceBindingCache>.Instance);
        var validator = NewValidator(devices);
        var userId = CredentialIdentifiers.NewId();
        var deviceId = CredentialIdentifiers.NewId();
        var token = _issuer.IssueAccessToken(Identity(userId) with { DeviceId = deviceId }).Token;

        var unreachable = await validator.ValidateAsync(token, TokenSource.Bearer, Cancel);
        Directory.CreateDirectory(folder);
        await CreateUserAsync(store, userId);
        await BindDeviceAsync(store, userId, deviceId);
        var reachable = await validator.ValidateAsync(token, TokenSource.Bearer, Cancel);

        Assert.Null(unreachable.Problem);
        Assert.Equal(DeviceBinding.Unchecked, unreachable.Token!.DeviceBinding);
        Assert.Equal(DeviceBinding.Bound, reachable.Token!.DeviceBinding);
    }

    private TokenValidator NewValidator(DeviceBindingCache devices) => new(
        _options,
        _keys,
        new ExternalIssuerRegistry(_options, _services.GetRequiredService<IHttpClientFactory>(), _clock, NullLoggerFactory.Instance),
        _revocations,
        new ValidatedTokenCache(_clock),
        devices,
        _clock,
        new GatewayMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
        NullLogger<TokenValidator>.Instance);

    private Task<string> CreateUserAsync(ICredentialRepository store, string? id = null) => StoredDevices.CreateUserAsync(store, _clock.GetUtcNow(), id);

    private Task<string> BindDeviceAsync(ICredentialRepository store, string userId, string? deviceId = null) =>
        StoredDevices.BindDeviceAsync(store, userId, _clock.GetUtcNow(), deviceId);

    private SignInIdentity Identity(string userId = "alice") =>
        new(userId, userId, AuthMethods.Passkey, ["hwk", "user", "mfa"], TokenIssuer.NewId(), _clock.GetUtcNow()) { UserVerified = true };
}
