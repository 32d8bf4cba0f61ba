using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Configuration;
using PasskeyGateway.Observability;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Fuzz.Tokens;

/// <summary>
/// <c>jwt</c>: a bearer token through the gateway's own <see cref="TokenValidator"/>, built by the gateway's service
/// registration from a minimal configuration: the JWS/JWE parse, the header checks (alg, kid, forbidden headers,
/// issuer) and, for tokens whose header passes, the signature and claims validation. The authentication handler
/// catches nothing around <see cref="TokenValidator.ValidateAsync"/>, so whatever escapes it is a 500.
/// </summary>
internal sealed class JwtTarget : IFuzzTarget, IDisposable
{
    public const string TargetName = "jwt";

    private readonly WebApplication _app;
    private readonly GatewayOptions _options;
    private readonly SigningKeyRing _keys;
    private readonly ExternalIssuerRegistry _externalIssuers;
    private readonly IRevocationList _revocations;
    private readonly IDeviceRepository _devices;
    private readonly IRevocationFeed _revocationFeed;
    private readonly GatewayMetrics _metrics;

    public JwtTarget()
    {
        // The development signing key is made once in this folder (beside the harness, in the build output) and kept,
        // so tokens minted by `seed jwt` validate in later runs of the same build.
        var directory = Path.Combine(AppContext.BaseDirectory, "jwt-gateway");
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "gateway.json");
        File.WriteAllText(config, new JsonObject
        {
            ["Gateway"] = new JsonObject { ["PublicOrigin"] = "http://localhost:8080", ["Session"] = new JsonObject { ["Secure"] = false }, ["DataDirectory"] = "data" },
            ["ReverseProxy"] = new JsonObject { ["Routes"] = new JsonObject(), ["Clusters"] = new JsonObject() },
        }.ToJsonString());
        var builder = GatewayApp.CreateBuilder([], GatewayConfigFile.Locate(config));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _options = _app.Services.GetRequiredService<GatewayOptions>();
        _keys = _app.Services.GetRequiredService<SigningKeyRing>();
        _externalIssuers = _app.Services.GetRequiredService<ExternalIssuerRegistry>();
        _revocations = _app.Services.GetRequiredService<IRevocationList>();
        _devices = _app.Services.GetRequiredService<IDeviceRepository>();
        _revocationFeed = _app.Services.GetRequiredService<IRevocationFeed>();
        _metrics = _app.Services.GetRequiredService<GatewayMetrics>();
    }

    public string Name => TargetName;

    public void Run(ReadOnlySpan<byte> input)
    {
        // The handler takes the Authorization header's value after "Bearer " and trims it. Header values reach it as
        // Latin-1 at most, one char per byte.
        var token = Encoding.Latin1.GetString(input).Trim();

        // A fresh validator and caches each time: a token validated once would otherwise be answered from the cache on
        // the next run of the same input, and AFL++ would see two different paths for one input.
        using var devices = new DeviceBindingCache(_devices, _revocationFeed, NullLogger<DeviceBindingCache>.Instance);
        var validator = new TokenValidator(
            _options, _keys, _externalIssuers, _revocations, new ValidatedTokenCache(TimeProvider.System), devices, TimeProvider.System, _metrics, NullLogger<TokenValidator>.Instance);
        validator.ValidateAsync(token, TokenSource.Bearer, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Tokens signed by this build's key, so the fuzzer starts past the signature check: an access token (valid for
    /// 30 days), a session token (the wrong type for a bearer) and an expired access token.
    /// </summary>
    public IEnumerable<FuzzSeed> Seeds()
    {
        var issuer = _app.Services.GetRequiredService<TokenIssuer>();
        yield return Seed("minted-access.jwt", issuer.Issue(Claims(), _options.Tokens.Audience, TimeSpan.FromDays(30), GatewayAuthenticationDefaults.AccessTokenType));
        yield return Seed("minted-session.jwt", issuer.Issue(Claims(), _options.Tokens.Audience, TimeSpan.FromDays(30), GatewayAuthenticationDefaults.SessionTokenType));
        yield return Seed("minted-expired.jwt", issuer.Issue(Claims(), _options.Tokens.Audience, TimeSpan.FromHours(-1), GatewayAuthenticationDefaults.AccessTokenType));
    }

    public void Dispose() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The claims of a passkey sign-in with a bound device and two roles.</summary>
    private static Dictionary<string, object> Claims() => new(StringComparer.Ordinal)
    {
        [GatewayClaimTypes.Subject] = "alice",
        [GatewayClaimTypes.SessionId] = TokenIssuer.NewId(),
        [GatewayClaimTypes.CredentialId] = "cred-1",
        [GatewayClaimTypes.DeviceId] = "device-1",
        [GatewayClaimTypes.AuthTime] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["amr"] = new[] { "hwk", "user" },
        ["role"] = new[] { "admin", "user" },
    };

    private static FuzzSeed Seed(string name, IssuedToken token) => new(name, Encoding.ASCII.GetBytes(token.Token));
}
