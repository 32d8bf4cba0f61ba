using System.Text.Json.Nodes;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A gateway in front of an <see cref="EchoBackend"/> (its WebSockets, on every route of <see cref="TestConfig"/>)
/// and an <see cref="EventStreamBackend"/> (<c>/events/…</c>, behind the default policy), both held here so tests can
/// ask each backend how its side of an exchange ended. The gateway listens for HTTP/1.1 and, on a port of its own,
/// for HTTP/2 with prior knowledge (for WebSockets over extended CONNECT). One per test class (xunit class fixture).
/// </summary>
public sealed class LiveExchangeFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;

    public EchoBackend Echo { get; private set; } = null!;

    public EventStreamBackend Events { get; private set; } = null!;

    /// <summary>The gateway's HTTP/2 listener (h2c, prior knowledge).</summary>
    public Uri Http2Address { get; } = new($"http://127.0.0.1:{FreePort.Next()}/");

    public async ValueTask InitializeAsync()
    {
        Echo = await EchoBackend.StartAsync();
        Events = await EventStreamBackend.StartAsync();
        Host = await GatewayHost.StartAsync(
            config =>
            {
                var port = new Uri(config["Gateway"]!["PublicOrigin"]!.GetValue<string>()).Port;
                config["Kestrel"] = new JsonObject
                {
                    ["Endpoints"] = new JsonObject
                    {
                        ["h1"] = new JsonObject { ["Url"] = $"http://127.0.0.1:{port}", ["Protocols"] = "Http1" },
                        ["h2"] = new JsonObject { ["Url"] = Http2Address.ToString().TrimEnd('/'), ["Protocols"] = "Http2" },
                    },
                };
                var proxy = config["ReverseProxy"]!;
                proxy["Clusters"]!["events"] = new JsonObject
                {
                    ["Destinations"] = new JsonObject { ["one"] = new JsonObject { ["Address"] = Events.Address.ToString() } },
                };
                var route = TestConfig.Route("/events/{**rest}", null);
                route["ClusterId"] = "events";
                proxy["Routes"]!["events"] = route;
            },
            Echo);
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Events is not null)
        {
            await Events.DisposeAsync();
        }

        if (Echo is not null)
        {
            await Echo.DisposeAsync();
        }
    }
}
