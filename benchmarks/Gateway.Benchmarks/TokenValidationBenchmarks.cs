using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Benchmarks;

/// <summary>
/// The per-request token check: a cached token (hash + lookup + revocation check) against a full ES256 validation.
/// Issue 3's JWT-route target rests on the cache: a hit must not verify a signature.
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks : IDisposable
{
    private WebApplication _app = null!;
    private TokenValidator _validator = null!;
    private TokenValidator _uncached = null!;
    private string _cachedToken = null!;
    private string[] _alternating = null!;
    private int _next;
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("token-benchmark-").FullName;
        var path = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(path, new JsonObject
        {
            ["Gateway"] = new JsonObject { ["PublicOrigin"] = "http://localhost:8080", ["Session"] = new JsonObject { ["Secure"] = false }, ["DataDirectory"] = "data" },
            ["ReverseProxy"] = new JsonObject { ["Routes"] = new JsonObject(), ["Clusters"] = new JsonObject() },
        }.ToJsonString());
        var builder = GatewayApp.CreateBuilder([], GatewayConfigFile.Locate(path));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGateway();
        _validator = _app.Services.GetRequiredService<TokenValidator>();
        var issuer = _app.Services.GetRequiredService<TokenIssuer>();
        var identity = new SignInIdentity("alice", "alice", "passkey", ["hwk", "user", "mfa"], TokenIssuer.NewId(), DateTimeOffset.UtcNow);
        _cachedToken = issuer.IssueAccessToken(identity).Token;
        _alternating = [issuer.IssueAccessToken(identity with { SessionId = TokenIssuer.NewId() }).Token, issuer.IssueAccessToken(identity with { SessionId = TokenIssuer.NewId() }).Token];
        _validator.ValidateAsync(_cachedToken, TokenSource.Bearer, default).AsTask().GetAwaiter().GetResult();

        // A cache of one, fed two tokens in turn: every call is a full validation.
        _uncached = ActivatorUtilities.CreateInstance<TokenValidator>(_app.Services, new ValidatedTokenCache(TimeProvider.System, capacity: 1));
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> CachedToken() => (await _validator.ValidateAsync(_cachedToken, TokenSource.Bearer, default)).Token is not null;

    [Benchmark]
    public async Task<bool> FullValidation() =>
        (await _uncached.ValidateAsync(_alternating[_next++ & 1], TokenSource.Bearer, default)).Token is not null;

    [GlobalCleanup]
    public void Dispose()
    {
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
