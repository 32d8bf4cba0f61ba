using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PasskeyGateway.Configuration;
using PasskeyGateway.Testing;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A real gateway on a loopback port, built by the same code as <c>gateway</c> serve, in front of a real echo backend,
/// running from a config file in its own temporary folder.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EchoBackend? _ownedBackend;

    private GatewayHost(WebApplication app, EchoBackend? ownedBackend, string directory, string configPath, JsonObject config, int port, CapturedLogs logs)
    {
        _app = app;
        _ownedBackend = ownedBackend;
        Directory = directory;
        ConfigPath = configPath;
        Config = config;
        Port = port;
        Logs = logs;
        Address = new Uri($"http://127.0.0.1:{port}/");
        Client = CreateClient();
    }

    public Uri Address { get; }

    public int Port { get; }

    public string Directory { get; }

    public string ConfigPath { get; }

    /// <summary>The configuration as last written.</summary>
    public JsonObject Config { get; private set; }

    public CapturedLogs Logs { get; }

    /// <summary>No cookies, no redirects: every response is seen as the gateway sent it.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    internal TokenIssuer TokenIssuer => Services.GetRequiredService<TokenIssuer>();

    internal GatewayOptions Options => Services.GetRequiredService<GatewayOptions>();

    /// <param name="timeProvider">Replaces the gateway's clock (challenges, tokens, revocations) for tests that move time.</param>
    /// <param name="bindLocalhost">Listen on <c>localhost</c> (both loopback families), as a browser opening <c>http://localhost:port</c> needs.</param>
    public static async Task<GatewayHost> StartAsync(Action<JsonObject>? configure = null, EchoBackend? backend = null, TimeProvider? timeProvider = null, bool bindLocalhost = false)
    {
        var ownedBackend = backend is null ? await EchoBackend.StartAsync() : null;
        backend ??= ownedBackend!;
        var directory = Path.Combine(Path.GetTempPath(), "passkey-gateway-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var port = FreePort.Next();
        var config = TestConfig.Create(port, backend.Address, Path.Combine(directory, "data"));
        configure?.Invoke(config);
        var configPath = Path.Combine(directory, "gateway.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());

        var logs = new CapturedLogs();
        var builder = GatewayApp.CreateBuilder(["--urls", $"http://{(bindLocalhost ? "localhost" : "127.0.0.1")}:{port}"], GatewayConfigFile.Locate(configPath));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        if (timeProvider is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(timeProvider));
        }

        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync();
        return new GatewayHost(app, ownedBackend, directory, configPath, config, port, logs);
    }

    public HttpClient CreateClient(Version? version = null) => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = Address,
        DefaultRequestVersion = version ?? HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    /// <summary>Writes a new configuration file; the running gateway sees it through its file watcher.</summary>
    public async Task WriteConfigAsync(JsonObject config)
    {
        Config = config;
        await File.WriteAllTextAsync(ConfigPath, config.ToJsonString());
    }

    /// <summary>A request with a bearer token (and no cookie), with a JSON body when given.</summary>
    public async Task<HttpResponseMessage> SendWithTokenAsync(HttpMethod method, string path, string token, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        return await Client.SendAsync(request);
    }

    internal string IssueAccessToken(SignInIdentity identity) => TokenIssuer.IssueAccessToken(identity).Token;

    internal string IssueSessionToken(SignInIdentity identity) => TokenIssuer.IssueSessionToken(identity).Token;

    internal static SignInIdentity Identity(string userId = "alice", string authMethod = "passkey") =>
        new(userId, userId + "@example.com", authMethod, ["hwk", "user", "mfa"], TokenIssuer.NewId(), DateTimeOffset.UtcNow) { UserVerified = true };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();

        // Every flow of every test checks this: no JWT (base64url JSON starts "eyJ") and no PEM key ever reaches a log line.
        var leaks = Logs.Lines.Where(l => l.Contains("eyJ", StringComparison.Ordinal) || l.Contains("-----BEGIN", StringComparison.Ordinal)).ToList();
        if (_ownedBackend is not null)
        {
            await _ownedBackend.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file watcher may still hold the folder for a moment; the temp folder is cleaned by the OS.
        }

        if (leaks.Count > 0)
        {
            throw new InvalidOperationException("Secrets reached the gateway's logs:" + Environment.NewLine + string.Join(Environment.NewLine, leaks));
        }
    }
}
