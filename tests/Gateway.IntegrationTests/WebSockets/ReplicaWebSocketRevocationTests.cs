using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using Microsoft.IdentityModel.JsonWebTokens;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.IntegrationTests.Replicas;

namespace PasskeyGateway.IntegrationTests.WebSockets;

/// <summary>
/// A WebSocket open through one replica ends within 1 s when its session is revoked through another (DESIGN.md,
/// WebSockets and server-sent events): two gateway processes on one redis-server and one PostgreSQL database, the
/// revocation reaching the socket's replica by the Redis announcement.
/// </summary>
public sealed class ReplicaWebSocketRevocationTests(ReplicaPair replicas) : IClassFixture<ReplicaPair>
{
    [Theory]
    [InlineData("logout")]
    [InlineData("session-ended")]
    public async Task WebSocketOnB_SessionRevokedOnA_BothLegsCloseWithin1s(string revocation)
    {
        using var user = new ReplicaUser(replicas, UniqueName.For("ws-" + revocation));
        var token = await user.RegisterAsync();
        var other = await user.SignInAsync();
        using var socket = await RelayedWebSocket.OpenAsync(replicas.B.Address, "/app/ws", options => options.SetRequestHeader("Authorization", "Bearer " + token));
        using var untouched = await RelayedWebSocket.OpenAsync(replicas.B.Address, "/app/ws", options => options.SetRequestHeader("Authorization", "Bearer " + other));
        Assert.Equal("before", await socket.EchoAsync("before"));

        using (var revoked = revocation == "logout"
            ? await SendAsync(replicas.A, HttpMethod.Post, "/.auth/logout", token)
            : await SendAsync(replicas.A, HttpMethod.Delete, $"/.auth/account/sessions/{new JsonWebToken(token).GetClaim("sid").Value}", other))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        var answered = Stopwatch.GetTimestamp();
        var client = await socket.EndedAsync(ExchangeEnds.WaitAtMost);
        var backend = await ExchangeEnds.OfBackendAsync(replicas.Backend.WebSocketEndedAsync(socket.Id));

        ExchangeEnds.Report($"{revocation} on A, socket on B", answered, client.Timestamp, backend.Timestamp);
        ExchangeEnds.AssertWithinBound(answered, client.Timestamp, "The client's socket");
        ExchangeEnds.AssertWithinBound(answered, backend.Timestamp, "The backend's socket");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, backend.CloseStatus);

        // The same user's other session was not revoked: its socket on B still echoes.
        Assert.Equal("still here", await untouched.EchoAsync("still here"));
    }

    private static async Task<HttpResponseMessage> SendAsync(GatewayServerProcess replica, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await replica.Client.SendAsync(request);
    }
}
