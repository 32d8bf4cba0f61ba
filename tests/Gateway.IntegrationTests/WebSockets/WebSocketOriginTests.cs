using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.WebSockets;

/// <summary>
/// Cross-site WebSocket hijacking (DESIGN.md §11.4), with real WebSockets relayed to an echo backend: a handshake that
/// carries the session cookie needs an allowed <c>Origin</c> — on an anonymous route too —; one with
/// <c>Authorization</c> does not.
/// </summary>
public sealed class WebSocketOriginTests : IAsyncLifetime
{
    private const string Chat = "https://chat.example.com";

    private GatewayHost _gateway = null!;
    private PasskeyClient _user = null!;

    private string Own => $"http://localhost:{_gateway.Port}";

    public async ValueTask InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(config => config["Gateway"]!["WebSockets"] = new JsonObject { ["AllowedOrigins"] = new JsonArray(Chat) });
        _user = new PasskeyClient(_gateway);
        (await _user.RegisterAsync(UniqueName.For("ws"))).Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _user.Dispose();
        await _gateway.DisposeAsync();
    }

    public static TheoryData<string, string?, HttpStatusCode> Handshakes => new()
    {
        // route, Origin (null: none), expected handshake answer
        { "/default-policy/ws", null, HttpStatusCode.Forbidden },
        { "/default-policy/ws", "https://evil.example", HttpStatusCode.Forbidden },
        { "/default-policy/ws", "null", HttpStatusCode.Forbidden },
        { "/public/ws", "https://evil.example", HttpStatusCode.Forbidden },
        { "/default-policy/ws", "OWN", HttpStatusCode.SwitchingProtocols },
        { "/default-policy/ws", Chat, HttpStatusCode.SwitchingProtocols },
    };

    [Theory]
    [MemberData(nameof(Handshakes))]
    public async Task WithTheSessionCookie_OnlyAllowedOrigins_GetAWebSocket(string path, string? origin, HttpStatusCode expected)
    {
        using var socket = NewSocket();
        socket.Options.SetRequestHeader("Cookie", _user.Cookies.GetCookieHeader(_gateway.Address));
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin == "OWN" ? Own : origin);
        }

        var status = await ConnectAsync(socket, path);

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.SwitchingProtocols)
        {
            Assert.Equal("hello", await EchoAsync(socket, "hello"));
        }
    }

    [Fact]
    public async Task WithABearerToken_AndNoCookie_TheOriginIsNotAsked()
    {
        using var socket = NewSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + _gateway.IssueAccessToken(GatewayHost.Identity()));

        Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectAsync(socket, "/default-policy/ws"));
        Assert.Equal("ping", await EchoAsync(socket, "ping"));
    }

    [Fact]
    public async Task WithoutAnyCredential_TheRoutesPolicyDecides()
    {
        using var anonymous = NewSocket();
        using var protectedRoute = NewSocket();

        Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectAsync(anonymous, "/public/ws"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ConnectAsync(protectedRoute, "/default-policy/ws"));
    }

    private static ClientWebSocket NewSocket()
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        return socket;
    }

    private async Task<HttpStatusCode> ConnectAsync(ClientWebSocket socket, string path)
    {
        try
        {
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_gateway.Port}{path}"), TestContext.Current.CancellationToken);
        }
        catch (WebSocketException)
        {
            // Refused: the status is in the response details.
        }

        return socket.HttpStatusCode;
    }

    private static async Task<string> EchoAsync(ClientWebSocket socket, string message)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
