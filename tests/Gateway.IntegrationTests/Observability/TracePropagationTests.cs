using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Observability;

/// <summary>The caller's trace continues to the backend through the gateway (W3C Trace Context).</summary>
public sealed class TracePropagationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task IncomingTraceparent_ContinuesToTheBackend_WithTheSameTraceId()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/public/trace");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        var echoed = await EchoedRequest.ReadAsync(await fixture.Host.Client.SendAsync(request));

        var forwarded = Assert.Single(echoed.Header("traceparent"));
        Assert.Equal(traceId, forwarded.Split('-')[1]);
        Assert.NotEqual("00f067aa0ba902b7", forwarded.Split('-')[2]);
    }
}
