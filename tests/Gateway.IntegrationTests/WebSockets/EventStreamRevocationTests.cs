using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.WebSockets;

/// <summary>
/// An open server-sent event stream lives no longer than its token (DESIGN.md, WebSockets and server-sent events;
/// issue 15 item 3): revoked or expired, it ends within 1 s for the client, and the backend sees its request aborted.
/// Streams asked for (<c>Accept: text/event-stream</c>, as <c>EventSource</c> sends) and streams only answered as such
/// (fetch-based clients) alike. A real Kestrel backend sends an event every 100 ms.
/// </summary>
public sealed class EventStreamRevocationTests(LiveExchangeFixture fixture) : IClassFixture<LiveExchangeFixture>
{
    private static readonly TimeSpan Bound = ExchangeEnds.Bound;

    private static readonly TimeSpan WaitAtMost = ExchangeEnds.WaitAtMost;

    private GatewayHost Gateway => fixture.Host;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OpenEventStream_SessionEnded_BothSidesEndWithin1s(bool askForEvents)
    {
        var name = UniqueName.For("sse-session");
        using var user = new PasskeyClient(Gateway);
        var laptop = await PasskeyClient.ReadTokenAsync(await user.RegisterAsync(name), HttpStatusCode.Created);
        var phone = await PasskeyClient.ReadTokenAsync(await user.SignInAsync(name), HttpStatusCode.OK);
        using var stream = await RelayedEvents.OpenAsync(Gateway.Client, "/events/stream", WithToken(laptop), askForEvents);
        Assert.Equal("tick 0", await stream.NextEventAsync());
        Assert.Equal("tick 1", await stream.NextEventAsync());

        using (var ended = await Gateway.SendWithTokenAsync(HttpMethod.Delete, $"/.auth/account/sessions/{new JsonWebToken(laptop).GetClaim("sid").Value}", phone))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        var answered = Stopwatch.GetTimestamp();
        var client = await stream.EndedAsync(WaitAtMost);
        var backend = await BackendEndedAsync(stream);

        ExchangeEnds.Report(askForEvents ? "session ended, Accept: text/event-stream" : "session ended, answered as an event stream only", answered, client, backend.Timestamp);
        ExchangeEnds.AssertWithinBound(answered, client, "The client's stream");
        ExchangeEnds.AssertWithinBound(answered, backend.Timestamp, "The backend's request");
    }

    [Fact]
    public async Task OpenEventStream_WithTheSessionCookie_LoggedOut_BothSidesEndWithin1s()
    {
        using var user = new PasskeyClient(Gateway);
        (await user.RegisterAsync(UniqueName.For("sse-logout"))).Dispose();
        var cookie = user.Cookies.GetCookieHeader(Gateway.Address);
        using var stream = await RelayedEvents.OpenAsync(Gateway.Client, "/events/stream", request => request.Headers.Add("Cookie", cookie));
        Assert.Equal("tick 0", await stream.NextEventAsync());

        using (var logout = await user.Http.PostAsync("/.auth/logout", content: null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        var answered = Stopwatch.GetTimestamp();
        var client = await stream.EndedAsync(WaitAtMost);
        var backend = await BackendEndedAsync(stream);

        ExchangeEnds.Report("logout, session cookie", answered, client, backend.Timestamp);
        ExchangeEnds.AssertWithinBound(answered, client, "The client's stream");
        ExchangeEnds.AssertWithinBound(answered, backend.Timestamp, "The backend's request");
    }

    [Fact]
    public async Task OpenEventStream_TokenExpires_EndsWithin1sOfExp()
    {
        var identity = GatewayHost.Identity(UniqueName.For("sse-expiring")) with
        {
            AuthTime = DateTimeOffset.UtcNow - Gateway.Options.Session.Lifetime + TimeSpan.FromSeconds(3),
        };
        var token = Gateway.IssueAccessToken(identity);
        var expiresAt = new DateTimeOffset(new JsonWebToken(token).ValidTo, TimeSpan.Zero);
        using var stream = await RelayedEvents.OpenAsync(Gateway.Client, "/events/stream", WithToken(token));
        Assert.Equal("tick 0", await stream.NextEventAsync());

        var client = await stream.EndedAsync(WaitAtMost);
        var backend = await BackendEndedAsync(stream);

        var afterExp = DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(client) - expiresAt;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"expiry: the client's stream ended {afterExp.TotalMilliseconds:0} ms after exp"));
        Assert.True(afterExp > TimeSpan.FromMilliseconds(-50), $"The stream ended {-afterExp.TotalMilliseconds:0} ms before its token expired.");
        Assert.True(afterExp < Bound, $"The stream ended {afterExp.TotalMilliseconds:0} ms after its token expired.");
        Assert.True(Stopwatch.GetElapsedTime(client, backend.Timestamp) < Bound);
    }

    [Fact]
    public async Task OpenEventStream_AnotherUsersSessionEnded_KeepsFlowing()
    {
        using var alice = new PasskeyClient(Gateway);
        using var bob = new PasskeyClient(Gateway);
        var alicesToken = await PasskeyClient.ReadTokenAsync(await alice.RegisterAsync(UniqueName.For("sse-alice")), HttpStatusCode.Created);
        var bobsToken = await PasskeyClient.ReadTokenAsync(await bob.RegisterAsync(UniqueName.For("sse-bob")), HttpStatusCode.Created);
        using var alicesStream = await RelayedEvents.OpenAsync(Gateway.Client, "/events/stream", WithToken(alicesToken));
        using var bobsStream = await RelayedEvents.OpenAsync(Gateway.Client, "/events/stream", WithToken(bobsToken));
        await alicesStream.NextEventAsync();

        using (var logout = await Gateway.SendWithTokenAsync(HttpMethod.Post, "/.auth/logout", bobsToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        // Bob's stream has ended, so every open stream's token has been checked again since the revocation.
        await bobsStream.EndedAsync(WaitAtMost);
        await BackendEndedAsync(bobsStream);

        for (var i = 0; i < 3; i++)
        {
            Assert.StartsWith("tick ", await alicesStream.NextEventAsync(), StringComparison.Ordinal);
        }

        Assert.False(fixture.Events.StreamEndedAsync(alicesStream.Id).IsCompleted);
    }

    private static Action<HttpRequestMessage> WithToken(string token) =>
        request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    private Task<BackendEnding> BackendEndedAsync(RelayedEvents stream) => ExchangeEnds.OfBackendAsync(fixture.Events.StreamEndedAsync(stream.Id));
}
