using System.Net;
using System.Net.Http.Headers;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.IntegrationTests.Authorization;

/// <summary>Every kind of route policy against callers that do and do not satisfy it (DESIGN.md §3, issue 3 item 5).</summary>
public sealed class RoutePolicyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    public static TheoryData<string, string, HttpStatusCode, string?> Matrix => new()
    {
        // route, caller, expected status, and the problem code of a refusal
        { "/public/page", "anonymous", HttpStatusCode.OK, null },
        { "/public/page", "plain", HttpStatusCode.OK, null },
        { "/app/page", "anonymous", HttpStatusCode.Unauthorized, "authentication-required" },
        { "/app/page", "plain", HttpStatusCode.OK, null },
        { "/default-policy/page", "anonymous", HttpStatusCode.Unauthorized, "authentication-required" },
        { "/default-policy/page", "plain", HttpStatusCode.OK, null },
        { "/admin/page", "anonymous", HttpStatusCode.Unauthorized, "authentication-required" },
        { "/admin/page", "plain", HttpStatusCode.Forbidden, "forbidden" },
        { "/admin/page", "admin", HttpStatusCode.OK, null },
        { "/admin/page", "admin-in-roles", HttpStatusCode.OK, null },
        { "/engineering/page", "plain", HttpStatusCode.Forbidden, "forbidden" },
        { "/engineering/page", "research", HttpStatusCode.OK, null },
        { "/engineering/page", "sales", HttpStatusCode.Forbidden, "forbidden" },
        { "/passkey-only/page", "plain", HttpStatusCode.OK, null },
        { "/known-device/page", "plain", HttpStatusCode.Forbidden, "forbidden" },
        { "/known-device/page", "device", HttpStatusCode.OK, null },
        { "/fresh/page", "plain", HttpStatusCode.OK, null },

        // Step-up (RFC 9470): a new sign-in meets these, so the token is challenged rather than refused.
        { "/passkey-only/page", "biometric", HttpStatusCode.Unauthorized, "auth-method-not-allowed" },
        { "/fresh/page", "stale", HttpStatusCode.Unauthorized, "reauthentication-required" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Route_CallerKind_GetsExpectedStatus(string path, string caller, HttpStatusCode expected, string? code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (await TokenForAsync(caller) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            var echoed = await EchoedRequest.ReadAsync(response);
            Assert.Equal(path, echoed.Path);
        }
        else
        {
            Assert.Equal(code, (await ProblemResponse.ReadAsync(response)).Code);
        }
    }

    [Fact]
    public async Task Forbidden_ListsEveryFailedCondition()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/known-device/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync("plain"));

        using var response = await Gateway.Client.SendAsync(request);

        await AssertDeviceRequiredAsync(response);
    }

    [Fact]
    public async Task KnownDevice_CliTokenWithAnInventedDeviceId_IsDeviceRequired()
    {
        var client = await MobileClient.SignInAsync(Gateway);

        var token = await IssueWithCliAsync(client.User.Id, deviceId: "dev-" + TokenIssuer.NewId());
        using var response = await Gateway.SendWithTokenAsync(HttpMethod.Get, "/known-device/page", token);

        await AssertDeviceRequiredAsync(response);
    }

    [Fact]
    public async Task KnownDevice_TokenNamingAnotherUsersRealDevice_IsDeviceRequired()
    {
        var alice = await MobileClient.SignInAsync(Gateway);
        var bob = await MobileClient.SignInAsync(Gateway);
        using var bobsKey = SimulatedDeviceKey.Create("ES256");
        var (bobsDevice, bobsToken) = await bob.BindAndVerifyDeviceAsync(bobsKey);

        var token = await IssueWithCliAsync(alice.User.Id, bobsDevice);
        using var response = await Gateway.SendWithTokenAsync(HttpMethod.Get, "/known-device/page", token);
        using var bobsOwn = await Gateway.SendWithTokenAsync(HttpMethod.Get, "/known-device/page", bobsToken);

        await AssertDeviceRequiredAsync(response);
        Assert.Equal(HttpStatusCode.OK, bobsOwn.StatusCode);
    }

    [Fact]
    public async Task KnownDevice_BoundDevicesToken_IsAllowed_AndRefusedAtTheNextRequestOnceTheUserRemovesTheDevice()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        var (deviceId, token) = await client.BindAndVerifyDeviceAsync(key);

        using var before = await Gateway.SendWithTokenAsync(HttpMethod.Get, "/known-device/page", token);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal([deviceId], (await EchoedRequest.ReadAsync(before)).Header("X-Device-Id"));

        // Removed the way users do: the account API, with the session's token from before the device proved itself.
        using var removal = await Gateway.SendWithTokenAsync(HttpMethod.Delete, $"/.auth/account/credentials/{deviceId}", client.AccessToken!);
        Assert.Equal(HttpStatusCode.NoContent, removal.StatusCode);
        using var after = await Gateway.SendWithTokenAsync(HttpMethod.Get, "/known-device/page", token);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("device-revoked", (await ProblemResponse.ReadAsync(after)).Code);
    }

    [Fact]
    public async Task HtmlNavigation_Unauthenticated_RedirectsToLoginWithReturnPath()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/orders?id=7&sort=desc");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/.auth/login?returnUrl=%2Fapp%2Forders%3Fid%3D7%26sort%3Ddesc", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("POST", "text/html")]
    [InlineData("GET", "application/json")]
    [InlineData("GET", null)]
    public async Task NonNavigation_Unauthenticated_Gets401WithBearerChallenge(string method, string? accept)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/app/orders");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("authentication-required", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Theory]
    [InlineData("/.auth/not-an-endpoint")]
    [InlineData("/.auth/login/extra")]
    public async Task GatewayPrefix_IsNeverProxied_EvenByCatchAllRoute(string path)
    {
        var token = await TokenForAsync("plain");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-found", (await ProblemResponse.ReadAsync(response)).Code);
    }

    private static async Task AssertDeviceRequiredAsync(HttpResponseMessage response)
    {
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Forbidden, problem.Status);
        Assert.Equal(["device-required"], problem.Body["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    /// <summary>A token minted by <c>gateway token issue</c>, the real command, on the gateway's own configuration and key.</summary>
    private async Task<string> IssueWithCliAsync(string subject, string deviceId)
    {
        var (exitCode, output, error) = await GatewayProcess.RunAsync(
            "token", "issue", "--config", Gateway.ConfigPath, "--sub", subject, "--claim", "device_id=" + deviceId);
        Assert.True(exitCode == 0, error);
        return output.Trim();
    }

    private async Task<string?> TokenForAsync(string caller)
    {
        if (caller == "device")
        {
            // A device bound through the device ceremony and proved: its raised token.
            using var key = SimulatedDeviceKey.Create("ES256");
            return (await (await MobileClient.SignInAsync(Gateway)).BindAndVerifyDeviceAsync(key)).Token;
        }

        var identity = GatewayHost.Identity();
        identity = caller switch
        {
            "anonymous" => null,
            "plain" => identity,
            "admin" => identity with { ExtraClaims = new Dictionary<string, object> { ["role"] = "admin" } },
            "admin-in-roles" => identity with { ExtraClaims = new Dictionary<string, object> { ["roles"] = new[] { "viewer", "admin" } } },
            "research" => identity with { ExtraClaims = new Dictionary<string, object> { ["department"] = "research" } },
            "sales" => identity with { ExtraClaims = new Dictionary<string, object> { ["department"] = "sales" } },
            "biometric" => identity with { AuthMethod = "biometric" },
            "stale" => identity with { AuthTime = DateTimeOffset.UtcNow.AddMinutes(-6) },
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
        return identity is null ? null : Gateway.IssueAccessToken(identity);
    }
}
