using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.WebSockets;

/// <summary>
/// An open WebSocket lives no longer than its token (DESIGN.md, WebSockets and server-sent events; issue 15 item 3):
/// when the session, passkey, device or account behind it is revoked, or the token's <c>exp</c> passes, both legs —
/// the client's socket and the backend's — end within 1 s, with close 1008 where they are between frames. Real
/// WebSockets through the gateway to a real echo backend, which records how its side ended.
/// </summary>
public sealed class WebSocketRevocationTests(LiveExchangeFixture fixture) : IClassFixture<LiveExchangeFixture>
{
    private static readonly TimeSpan Bound = ExchangeEnds.Bound;

    private static readonly TimeSpan WaitAtMost = ExchangeEnds.WaitAtMost;

    private GatewayHost Gateway => fixture.Host;

    private string OwnOrigin => $"http://localhost:{Gateway.Port}";

    public static TheoryData<string> Revocations => new(RevocationsByName.Keys);

    /// <summary>How each revocation is arranged: a socket opened the way its user would, and the call that revokes it.</summary>
    private static Dictionary<string, Func<WebSocketRevocationTests, Task<Arranged>>> RevocationsByName { get; } = new()
    {
        ["logout, session cookie"] = t => t.SignOutAsync(),
        ["session ended from another session, bearer token"] = t => t.EndSessionAsync(),
        ["passkey removed by an administrator, bearer token"] = t => t.RemovePasskeyAsync(),
        ["device removed, the device's token"] = t => t.RemoveDeviceAsync(),
        ["account disabled, session cookie"] = t => t.DisableAccountAsync(),
    };

    [Theory]
    [MemberData(nameof(Revocations))]
    public async Task OpenWebSocket_Revoked_BothLegsCloseWith1008Within1s(string revocation)
    {
        var arranged = await RevocationsByName[revocation](this);
        using var socket = arranged.Socket;
        Assert.Equal("before", await socket.EchoAsync("before"));

        using (var revoked = await arranged.Revoke())
        {
            Assert.True(revoked.IsSuccessStatusCode, $"{revocation}: {(int)revoked.StatusCode} {await revoked.Content.ReadAsStringAsync()}");
        }

        var answered = Stopwatch.GetTimestamp();
        var client = await socket.EndedAsync(WaitAtMost);
        var backend = await BackendEndedAsync(socket);

        ExchangeEnds.Report(revocation, answered, client.Timestamp, backend.Timestamp);
        ExchangeEnds.AssertWithinBound(answered, client.Timestamp, "The client's socket");
        ExchangeEnds.AssertWithinBound(answered, backend.Timestamp, "The backend's socket");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, backend.CloseStatus);
        Assert.Equal("credentials revoked", socket.Socket.CloseStatusDescription);
    }

    [Fact]
    public async Task OpenWebSocket_TokenExpires_BothLegsCloseWithin1sOfExp_AndTheEndIsCountedAndLogged()
    {
        // A session that began almost a session lifetime ago: the gateway mints its token to expire with the session.
        var now = DateTimeOffset.UtcNow;
        var identity = GatewayHost.Identity(UniqueName.For("expiring")) with { AuthTime = now - Gateway.Options.Session.Lifetime + TimeSpan.FromSeconds(3) };
        var token = Gateway.IssueAccessToken(identity);
        var expiresAt = new JsonWebToken(token).ValidTo;
        using var socket = await OpenWithTokenAsync(token);
        Assert.Equal("before", await socket.EchoAsync("before"));

        var client = await socket.EndedAsync(WaitAtMost);
        var backend = await BackendEndedAsync(socket);

        // exp is whole seconds: measured on the wall clock, from the moment the token stopped being valid.
        var afterExp = DateTimeOffset.UtcNow - new DateTimeOffset(expiresAt, TimeSpan.Zero) - Stopwatch.GetElapsedTime(client.Timestamp);
        Log(string.Create(CultureInfo.InvariantCulture, $"expiry: the client's socket ended {afterExp.TotalMilliseconds:0} ms after exp"));
        Assert.True(afterExp > TimeSpan.FromMilliseconds(-50), $"The socket ended {-afterExp.TotalMilliseconds:0} ms before its token expired.");
        Assert.True(afterExp < Bound, $"The socket ended {afterExp.TotalMilliseconds:0} ms after its token expired.");
        Assert.True(Stopwatch.GetElapsedTime(client.Timestamp, backend.Timestamp) < Bound);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, backend.CloseStatus);
        Assert.Equal("token expired", socket.Socket.CloseStatusDescription);

        Assert.Contains(Gateway.Logs.Lines, l => l.Contains("[4202] Ended an open WebSocket: its token expired.", StringComparison.Ordinal));
        await Eventually.UntilAsync(
            async () => MetricsSampleExists(await Gateway.Client.GetStringAsync("/metrics"), "kind=\"websocket\"", "reason=\"expired\""),
            TimeSpan.FromSeconds(10),
            "the ended exchange counted in /metrics");
    }

    [Fact]
    public async Task OpenWebSocket_AnotherUsersSessionRevoked_StaysOpen()
    {
        using var alice = new PasskeyClient(Gateway);
        using var bob = new PasskeyClient(Gateway);
        var alicesToken = await PasskeyClient.ReadTokenAsync(await alice.RegisterAsync(UniqueName.For("alice")), HttpStatusCode.Created);
        var bobsToken = await PasskeyClient.ReadTokenAsync(await bob.RegisterAsync(UniqueName.For("bob")), HttpStatusCode.Created);
        using var alicesSocket = await OpenWithTokenAsync(alicesToken);
        using var bobsSocket = await OpenWithTokenAsync(bobsToken);

        using (var logout = await Gateway.SendWithTokenAsync(HttpMethod.Post, "/.auth/logout", bobsToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        // Bob's socket has ended, so every open socket's token has been checked again since the revocation.
        await bobsSocket.EndedAsync(WaitAtMost);
        await BackendEndedAsync(bobsSocket);

        Assert.Equal("still here", await alicesSocket.EchoAsync("still here"));
        Assert.Equal(WebSocketState.Open, alicesSocket.Socket.State);
        Assert.False(fixture.Echo.WebSocketEndedAsync(alicesSocket.Id).IsCompleted);
    }

    [Fact]
    public async Task OpenWebSocket_OverHttp2ExtendedConnect_RevokedSession_BothLegsCloseWith1008Within1s()
    {
        using var user = new PasskeyClient(Gateway);
        var token = await PasskeyClient.ReadTokenAsync(await user.RegisterAsync(UniqueName.For("h2")), HttpStatusCode.Created);
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        using var socket = await RelayedWebSocket.OpenAsync(
            fixture.Http2Address,
            "/default-policy/ws",
            options =>
            {
                options.HttpVersion = HttpVersion.Version20;
                options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
                options.SetRequestHeader("Authorization", "Bearer " + token);
            },
            invoker);
        Assert.Equal(HttpStatusCode.OK, socket.HandshakeStatus);
        Assert.Equal("before", await socket.EchoAsync("before"));

        using (var logout = await Gateway.SendWithTokenAsync(HttpMethod.Post, "/.auth/logout", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        var answered = Stopwatch.GetTimestamp();
        var client = await socket.EndedAsync(WaitAtMost);
        var backend = await BackendEndedAsync(socket);

        ExchangeEnds.Report("logout, HTTP/2 extended CONNECT", answered, client.Timestamp, backend.Timestamp);
        ExchangeEnds.AssertWithinBound(answered, client.Timestamp, "The client's socket");
        ExchangeEnds.AssertWithinBound(answered, backend.Timestamp, "The backend's socket");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, backend.CloseStatus);
    }

    private async Task<Arranged> SignOutAsync()
    {
        var user = new PasskeyClient(Gateway);
        (await user.RegisterAsync(UniqueName.For("ws-logout"))).Dispose();
        var socket = await OpenWithCookieAsync(user);
        return new Arranged(socket, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/.auth/logout");
            request.Headers.Add("Origin", OwnOrigin);
            var response = await user.Http.SendAsync(request);
            user.Dispose();
            return response;
        });
    }

    private async Task<Arranged> EndSessionAsync()
    {
        var name = UniqueName.For("ws-session");
        using var user = new PasskeyClient(Gateway);
        var laptop = await PasskeyClient.ReadTokenAsync(await user.RegisterAsync(name), HttpStatusCode.Created);
        var phone = await PasskeyClient.ReadTokenAsync(await user.SignInAsync(name), HttpStatusCode.OK);
        var socket = await OpenWithTokenAsync(laptop);
        var sessionId = new JsonWebToken(laptop).GetClaim("sid").Value;
        return new Arranged(socket, () => Gateway.SendWithTokenAsync(HttpMethod.Delete, $"/.auth/account/sessions/{sessionId}", phone));
    }

    private async Task<Arranged> RemovePasskeyAsync()
    {
        using var user = new PasskeyClient(Gateway);
        var token = await PasskeyClient.ReadTokenAsync(await user.RegisterAsync(UniqueName.For("ws-passkey")), HttpStatusCode.Created);
        var socket = await OpenWithTokenAsync(token);
        var jwt = new JsonWebToken(token);
        return new Arranged(socket, () => new AdminApi(Gateway).SendAsync(HttpMethod.Delete, $"/users/{jwt.Subject}/credentials/{jwt.GetClaim("cred_id").Value}"));
    }

    private async Task<Arranged> RemoveDeviceAsync()
    {
        var client = await MobileClient.SignInAsync(Gateway, UniqueName.For("ws-device"));
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(key);
        var deviceToken = (await (await client.VerifyAsync(deviceId, key)).ReadJsonAsync())["token"]!.GetValue<string>();
        var socket = await OpenWithTokenAsync(deviceToken);

        // Removed with the session's token from before the device proved itself, which the removal leaves valid.
        return new Arranged(socket, () => Gateway.SendWithTokenAsync(HttpMethod.Delete, $"/.auth/account/credentials/{deviceId}", client.AccessToken!));
    }

    private async Task<Arranged> DisableAccountAsync()
    {
        using var user = new PasskeyClient(Gateway);
        var token = await PasskeyClient.ReadTokenAsync(await user.RegisterAsync(UniqueName.For("ws-disabled")), HttpStatusCode.Created);
        var socket = await OpenWithCookieAsync(user);
        var userId = new JsonWebToken(token).Subject;
        return new Arranged(socket, () => new AdminApi(Gateway).SendAsync(HttpMethod.Patch, $"/users/{userId}", new JsonObject { ["disabled"] = true }));
    }

    /// <summary>As a page of the gateway's own origin opens one: the session cookie and that Origin.</summary>
    private Task<RelayedWebSocket> OpenWithCookieAsync(PasskeyClient user) =>
        RelayedWebSocket.OpenAsync(Gateway.Address, "/default-policy/ws", options =>
        {
            options.SetRequestHeader("Cookie", user.Cookies.GetCookieHeader(Gateway.Address));
            options.SetRequestHeader("Origin", OwnOrigin);
        });

    private Task<RelayedWebSocket> OpenWithTokenAsync(string token) =>
        RelayedWebSocket.OpenAsync(Gateway.Address, "/default-policy/ws", options => options.SetRequestHeader("Authorization", "Bearer " + token));

    private Task<BackendEnding> BackendEndedAsync(RelayedWebSocket socket) => ExchangeEnds.OfBackendAsync(fixture.Echo.WebSocketEndedAsync(socket.Id));

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private static bool MetricsSampleExists(string exposition, params string[] labels) =>
        exposition.Split('\n').Any(line => line.StartsWith("gateway_live_exchanges_ended_total{", StringComparison.Ordinal)
            && labels.All(label => line.Contains(label, StringComparison.Ordinal)));

    private sealed record Arranged(RelayedWebSocket Socket, Func<Task<HttpResponseMessage>> Revoke);
}
