using System.Net;
using PasskeyGateway.IntegrationTests.ForwardAuth;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Authorization;

/// <summary>
/// <c>gateway explain</c> (DESIGN.md §11.4) run as a process on a running gateway's configuration and store: its
/// decision is the one the gateway takes when the same request is sent to it.
/// </summary>
public sealed class ExplainCommandTests(ForwardAuthFixture fixture) : IClassFixture<ForwardAuthFixture>
{
    private GatewayHost Server => fixture.Host;

    public static TheoryData<string, string, string> Cases => new()
    {
        // method, path, caller (Caller.Kinds)
        { "GET", "/public/page", "anonymous" },
        { "GET", "/app/page?id=7", "anonymous" },
        { "GET", "/app/orders", "anonymous-browser" },
        { "GET", "/app/page", "plain" },
        { "GET", "/admin/page", "plain" },
        { "GET", "/admin/page", "admin" },
        { "GET", "/known-device/page", "plain" },
        { "GET", "/fresh/page", "stale" },
        { "GET", "/passkey-only/page", "biometric" },
        { "GET", "/fresh/page?id=7", "stale-browser" },
        { "GET", "/fresh/page", "stale-cookie" },
        { "GET", "/passkey-only/page", "biometric-browser" },
        { "GET", "/biometric-fresh/page", "stale-biometric" },
        { "GET", "/biometric-fresh/page", "stale-biometric-browser" },
        { "GET", "/app/page", "expired" },
        { "GET", "/app/page", "revoked" },
        { "POST", "/app/form", "cookie-cross-site" },
        { "POST", "/app/form", "cookie-same-origin" },
        { "POST", "/app/form", "bearer-cross-site" },
        { "GET", "/app/a;b", "plain" },
        { "GET", "/legacy/a;b", "plain" },
        { "OPTIONS", "/api/items", "preflight" },
        { "GET", "/.auth/nothing-here", "plain" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Explain_AgreesWithTheRealRequest(string method, string path, string caller)
    {
        var headers = await Caller.HeadersAsync(Server, caller);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        Caller.AddTo(request, headers);
        using var response = await Server.Client.SendAsync(request);

        string[] arguments = ["explain", new Uri(Server.Address, path).ToString(), "--method", method, "--config", Server.ConfigPath,
            .. headers.SelectMany(h => (string[])["--header", $"{h.Name}: {h.Value}"])];
        var (exitCode, output, error) = await GatewayProcess.RunAsync(arguments);

        Assert.True(exitCode == 0, error);
        var decision = output.Split('\n').Single(line => line.StartsWith("decision ", StringComparison.Ordinal));
        Assert.Equal(Expected(response), decision.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            var problem = await ProblemResponse.ReadAsync(response);
            Assert.Contains($"{(int)response.StatusCode} {problem.Code}", decision, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Explain_ListsTheRouteThePolicyAndEachCondition()
    {
        var token = Server.IssueAccessToken(GatewayHost.Identity("explained") with { AuthTime = DateTimeOffset.UtcNow.AddMinutes(-6) });

        var (exitCode, output, _) = await GatewayProcess.RunAsync(
            "explain", new Uri(Server.Address, "/fresh/report").ToString(), "--token", token, "--config", Server.ConfigPath);

        Assert.Equal(0, exitCode);
        Assert.Contains("route     fresh (cluster backend)", output, StringComparison.Ordinal);
        Assert.Contains("policy    fresh", output, StringComparison.Ordinal);
        Assert.Contains("  pass    authenticated", output, StringComparison.Ordinal);
        Assert.Contains("  fail    signed in within 00:05:00: reauthentication-required", output, StringComparison.Ordinal);
        Assert.Contains("decision  step_up (401 reauthentication-required: reauthentication-required; max_age=300)", output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_RefusesAUrlThatIsNotHttp()
    {
        var (exitCode, _, error) = await GatewayProcess.RunAsync("explain", "/relative/path", "--config", Server.ConfigPath);

        Assert.Equal(1, exitCode);
        Assert.Contains("absolute http or https URL", error, StringComparison.Ordinal);
    }

    /// <summary>The decision a real answer shows: a step-up is the 401 of RFC 9470, or the sign-in page asked with <c>maxAge</c>.</summary>
    private static string Expected(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK or HttpStatusCode.NoContent => "allow",
        HttpStatusCode.Found when response.Headers.Location!.OriginalString.Contains("&maxAge=", StringComparison.Ordinal) => "step_up",
        HttpStatusCode.Found => "redirect",
        HttpStatusCode.Unauthorized when response.Headers.WwwAuthenticate.ToString().Contains("insufficient_user_authentication", StringComparison.Ordinal) => "step_up",
        HttpStatusCode.Unauthorized => "unauthenticated",
        HttpStatusCode.Forbidden => "forbidden",
        HttpStatusCode.BadRequest => "invalid",
        HttpStatusCode.NotFound => "no-route",
        var status => throw new ArgumentOutOfRangeException(nameof(response), status, "not a decision"),
    };
}
