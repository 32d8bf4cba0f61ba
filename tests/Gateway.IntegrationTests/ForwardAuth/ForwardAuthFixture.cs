using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.ForwardAuth;

/// <summary>A gateway that believes proxies on loopback: the tests' client stands in for nginx, Traefik or Envoy.</summary>
public sealed class ForwardAuthFixture : IAsyncLifetime
{
    private GatewayHost? _host;

    public GatewayHost Host => _host ?? throw new InvalidOperationException("The gateway has not started.");

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync(config =>
    {
        config["Gateway"]!["TrustedProxies"] = new JsonArray("127.0.0.1");

        // A step-up that a passkey cannot meet: a browser is refused, an API caller is still asked for a new sign-in.
        config["Gateway"]!["Policies"]!["biometric-fresh"] = new JsonObject { ["AuthMethods"] = new JsonArray("biometric"), ["MaxAuthAge"] = "00:05:00" };
        config["Gateway"]!["Cors"] = new JsonObject
        {
            ["spa"] = new JsonObject { ["Origins"] = new JsonArray("https://spa.example"), ["Methods"] = new JsonArray("GET", "POST") },
        };
        var routes = config["ReverseProxy"]!["Routes"]!.AsObject();
        routes["api"] = new JsonObject
        {
            ["ClusterId"] = "backend",
            ["CorsPolicy"] = "spa",
            ["Match"] = new JsonObject { ["Path"] = "/api/{**rest}" },
        };
        routes["biometric-fresh"] = TestConfig.Route("/biometric-fresh/{**rest}", "biometric-fresh");
        routes["legacy-paths"] = new JsonObject
        {
            ["ClusterId"] = "backend",
            ["Match"] = new JsonObject { ["Path"] = "/legacy/{**rest}" },
            ["Metadata"] = new JsonObject { ["Gateway.PathCheck"] = "off" },
        };
    });

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
