using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.ForwardAuth;

/// <summary>
/// An ingress (nginx or Caddy) on a loopback port in front of an echo backend, asking a gateway at <c>/.auth/verify</c>
/// with the config of <c>docs/forward-auth.md</c>. The gateway's public origin is the ingress's.
/// </summary>
public abstract class IngressFixture : IAsyncLifetime
{
    private EchoBackend? _backend;
    private GatewayHost? _gateway;
    private IngressProcess? _ingress;

    public GatewayHost Host => _gateway ?? throw new InvalidOperationException("Not started.");

    public int Port { get; } = FreePort.Next();

    /// <summary>A client of the ingress, as a browser or an API client would be: no redirects followed, no cookie jar.</summary>
    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _backend = await EchoBackend.StartAsync();
        _gateway = await GatewayHost.StartAsync(
            config =>
            {
                var gateway = config["Gateway"]!;
                gateway["PublicOrigin"] = $"http://localhost:{Port}";
                gateway["TrustedProxies"] = new JsonArray("127.0.0.1", "::1");
            },
            _backend);
        var directory = Path.Combine(_gateway.Directory, "ingress");
        Directory.CreateDirectory(directory);
        _ingress = await StartIngressAsync(directory, ForwardAuthDoc.Block(Name, _gateway.Port, _backend.Address));
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri($"http://localhost:{Port}"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_ingress is not null)
        {
            await _ingress.DisposeAsync();
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The marker of the config block in <c>docs/forward-auth.md</c>.</summary>
    protected abstract string Name { get; }

    /// <summary>Starts the ingress with <paramref name="documented"/> (the doc's block, the test's addresses in it).</summary>
    private protected abstract Task<IngressProcess> StartIngressAsync(string directory, string documented);

    internal static bool RunsAsRoot => Environment.UserName == "root";

}

/// <summary>nginx 1.22 (Debian) with the doc's <c>server</c> block, in a main config that keeps every file in a temp folder.</summary>
public sealed class NginxFixture : IngressFixture
{
    protected override string Name => "nginx";

    private protected override async Task<IngressProcess> StartIngressAsync(string directory, string documented)
    {
        var server = documented.Replace("listen 8000;", $"listen 127.0.0.1:{Port};", StringComparison.Ordinal);
        var config = $$"""
            {{(RunsAsRoot ? "user root;" : "")}}
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
            {{server}}
            }
            """;
        var path = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(path, config);
        return await IngressProcess.StartAsync("nginx", "nginx", Port, "-p", directory, "-e", Path.Combine(directory, "error.log"), "-c", path, "-g", "daemon off;");
    }
}

/// <summary>Caddy 2.6 (Debian) with the doc's Caddyfile site, without its admin endpoint or automatic HTTPS.</summary>
public sealed class CaddyFixture : IngressFixture
{
    protected override string Name => "caddy";

    private protected override async Task<IngressProcess> StartIngressAsync(string directory, string documented)
    {
        var site = documented.Replace(":8000 {", $"http://localhost:{Port} {{", StringComparison.Ordinal);
        var config = $$"""
            {
                admin off
                auto_https off
                default_bind 127.0.0.1
                storage file_system {{directory}}/data
            }

            {{site}}
            """;
        var path = Path.Combine(directory, "Caddyfile");
        await File.WriteAllTextAsync(path, config);
        return await IngressProcess.StartAsync("caddy", "caddy", Port, "run", "--config", path, "--adapter", "caddyfile");
    }
}
