using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.LiveExchanges;
using PasskeyGateway.Observability;
using PasskeyGateway.Testing;
using Yarp.ReverseProxy.Forwarder;

namespace PasskeyGateway.Tests.LiveExchanges;

/// <summary>
/// Which proxied exchanges the registry takes (an upgrade, an event stream asked for or answered; only with a token),
/// that an ordinary request allocates nothing on the way, and that a revocation the list learns ends a registered one.
/// </summary>
public sealed class LiveExchangeTransformerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(Now);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly InMemoryRevocationList _revocations;
    private readonly Feed _feed = new();
    private readonly LiveExchangeRegistry _registry;
    private readonly LiveExchangeTransformer _transformer;

    public LiveExchangeTransformerTests()
    {
        _revocations = new InMemoryRevocationList(_clock);
        _registry = new LiveExchangeRegistry(
            _revocations, _feed, _clock, new GatewayMetrics(_services.GetRequiredService<IMeterFactory>()), NullLogger<LiveExchangeRegistry>.Instance);
        _transformer = new LiveExchangeTransformer(new NothingTransformer(), new Lazy<LiveExchangeRegistry>(() => _registry));
    }

    public void Dispose()
    {
        _registry.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task OrdinaryRequest_WithAToken_IsNotRegistered_AndAllocatesNothing()
    {
        var context = Authenticated("s1");
        context.Request.Headers.Accept = "application/json, */*";
        using var request = new HttpRequestMessage();
        using var response = Answer("application/json");

        await TransformAsync(context, request, response);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            await _transformer.TransformRequestAsync(context, request, "http://backend/", CancellationToken.None);
            await _transformer.TransformResponseAsync(context, response, CancellationToken.None);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, _registry.Count);
    }

    [Theory]
    [InlineData("text/event-stream", "application/json")]
    [InlineData("application/json", "text/event-stream; charset=utf-8")]
    [InlineData("*/*", " TEXT/EVENT-STREAM")]
    public async Task EventStream_AskedForOrAnswered_IsRegisteredOnce_UntilTheRequestIsOver(string accept, string contentType)
    {
        var context = Authenticated("s2");
        context.Request.Headers.Accept = accept;
        using var request = new HttpRequestMessage();
        using var response = Answer(contentType);

        await TransformAsync(context, request, response);

        Assert.Equal(1, _registry.Count);
        var exchange = Assert.IsType<LiveExchange>(context.Features.Get<LiveExchange>());
        Assert.Equal(LiveExchangeKind.EventStream, exchange.Kind);
        exchange.Dispose();
        Assert.Equal(0, _registry.Count);
    }

    [Fact]
    public async Task WebSocketUpgrade_IsRegistered_WithTheRelayBetweenYarpAndTheClient()
    {
        var context = Authenticated("s3");
        context.Request.Headers.Upgrade = "websocket";
        context.Features.Set<IHttpUpgradeFeature>(new Upgradable());
        using var request = new HttpRequestMessage();

        await _transformer.TransformRequestAsync(context, request, "http://backend/", CancellationToken.None);

        Assert.IsType<WebSocketUpgradeFeature>(context.Features.Get<IHttpUpgradeFeature>());
        Assert.Equal(LiveExchangeKind.WebSocket, context.Features.Get<LiveExchange>()!.Kind);
        Assert.IsType<WebSocketRelayStream>(await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync());
    }

    [Fact]
    public async Task EventStream_WithoutAToken_IsNotRegistered()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Accept = "text/event-stream";
        using var request = new HttpRequestMessage();
        using var response = Answer("text/event-stream");

        await TransformAsync(context, request, response);

        Assert.Equal(0, _registry.Count);
    }

    [Fact]
    public async Task RegisteredExchange_ItsSessionRevoked_IsAborted_AndAnotherSessionsIsNot()
    {
        var revoked = Authenticated("s4");
        var other = Authenticated("s5");
        foreach (var context in new[] { revoked, other })
        {
            context.Request.Headers.Accept = "text/event-stream";
            using var request = new HttpRequestMessage();
            await _transformer.TransformRequestAsync(context, request, "http://backend/", CancellationToken.None);
        }

        await _revocations.RevokeAsync(new Revocation(RevocationKind.Session, "s4", Now, Now.AddHours(1)), CancellationToken.None);
        _feed.Raise();

        await revoked.Features.Get<Aborts>()!.Aborted.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(other.Features.Get<Aborts>()!.Aborted.IsCompleted);
    }

    private async Task TransformAsync(HttpContext context, HttpRequestMessage request, HttpResponseMessage response)
    {
        await _transformer.TransformRequestAsync(context, request, "http://backend/", CancellationToken.None);
        await _transformer.TransformResponseAsync(context, response, CancellationToken.None);
    }

    private static DefaultHttpContext Authenticated(string sessionId)
    {
        var context = new DefaultHttpContext();
        var token = new ValidatedToken(new ClaimsPrincipal(new ClaimsIdentity("test")), Now.AddHours(1), new TokenRevocationKeys("alice", sessionId, "cred", null, Now.AddMinutes(-1)));
        context.Features.Set(new GatewayAuthenticationFeature(TokenSource.Bearer, token, null));
        var aborts = new Aborts();
        context.Features.Set<IHttpRequestLifetimeFeature>(aborts);
        context.Features.Set(aborts);
        return context;
    }

    /// <summary>A backend's answer as it comes off the wire: headers unparsed.</summary>
    private static HttpResponseMessage Answer(string contentType)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return response;
    }

    private sealed class NothingTransformer : HttpTransformer
    {
        public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken) => default;

        public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken) => new(true);
    }

    private sealed class Feed : IRevocationFeed
    {
        public event Action? RevocationsAdded;

        public void Raise() => RevocationsAdded?.Invoke();
    }

    private sealed class Aborts : IHttpRequestLifetimeFeature
    {
        private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Aborted => _aborted.Task;

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => _aborted.TrySetResult();
    }

    private sealed class Upgradable : IHttpUpgradeFeature
    {
        public bool IsUpgradableRequest => true;

        public Task<Stream> UpgradeAsync() => Task.FromResult<Stream>(new MemoryStream());
    }
}
