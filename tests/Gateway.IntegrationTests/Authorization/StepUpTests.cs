using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Authorization;

/// <summary>
/// Step-up (RFC 9470; DESIGN.md §11.5, §11.6): a policy's <c>MaxAuthAge</c> or <c>AuthMethods</c> that a new sign-in
/// would meet is answered <c>401 insufficient_user_authentication</c> to API callers and with the sign-in page and
/// <c>maxAge</c> to browsers; the new passkey sign-in keeps the session (its <c>sid</c>, a new <c>auth_time</c>) for
/// its own user, and ends it when someone else's passkey answers. Each test has its own gateway and clock.
/// </summary>
public sealed class StepUpTests : IAsyncLifetime
{
    private const string StaleChallenge =
        "Bearer error=\"insufficient_user_authentication\", error_description=\"A more recent sign-in is required.\", max_age=300";

    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private GatewayHost _gateway = null!;

    private ISessionRepository Sessions => _gateway.Services.GetRequiredService<ISessionRepository>();

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(
        config =>
        {
            var policies = config["Gateway"]!["Policies"]!.AsObject();
            policies["admins-fresh"] = new JsonObject { ["Roles"] = new JsonArray("admin"), ["MaxAuthAge"] = "00:05:00" };
            policies["biometric-fresh"] = new JsonObject { ["AuthMethods"] = new JsonArray("biometric"), ["MaxAuthAge"] = "00:05:00" };
            var routes = config["ReverseProxy"]!["Routes"]!.AsObject();
            routes["admin-fresh"] = TestConfig.Route("/admin-fresh/{**rest}", "admins-fresh");
            routes["biometric-fresh"] = TestConfig.Route("/biometric-fresh/{**rest}", "biometric-fresh");
        },
        timeProvider: _clock);

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task StaleBearerToken_Gets401WithTheRfc9470Challenge_AndAFreshOneGoesThrough()
    {
        var stale = _gateway.IssueAccessToken(GatewayHost.Identity() with { AuthTime = _clock.GetUtcNow().AddMinutes(-6) });
        var fresh = _gateway.IssueAccessToken(GatewayHost.Identity() with { AuthTime = _clock.GetUtcNow().AddMinutes(-4) });

        using var refused = await _gateway.SendWithTokenAsync(HttpMethod.Get, "/fresh/report", stale);
        using var allowed = await _gateway.SendWithTokenAsync(HttpMethod.Get, "/fresh/report", fresh);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(StaleChallenge, Challenge(refused));
        var problem = await ProblemResponse.ReadAsync(refused);
        Assert.Equal("reauthentication-required", problem.Code);
        Assert.Equal(["reauthentication-required"], Strings(problem.Body["reasons"]));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task AnotherSignInMethodNeeded_Gets401WithoutMaxAge()
    {
        var biometric = _gateway.IssueAccessToken(GatewayHost.Identity(authMethod: "biometric"));

        using var response = await _gateway.SendWithTokenAsync(HttpMethod.Get, "/passkey-only/page", biometric);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"insufficient_user_authentication\", error_description=\"A sign-in with another method is required.\"", Challenge(response));
        Assert.Equal("auth-method-not-allowed", (await ProblemResponse.ReadAsync(response)).Code);
    }

    /// <summary>A role (or claim, or device) is not changed by signing in again: with it among the failures, a 403.</summary>
    [Theory]
    [InlineData("/admin/page", 0, new[] { "role-missing" })]
    [InlineData("/admin-fresh/page", 6, new[] { "role-missing", "reauthentication-required" })]
    [InlineData("/known-device/page", 6, new[] { "device-required" })]
    public async Task ConditionsANewSignInCannotMeet_StayForbidden_WithoutTheChallenge(string path, int minutesOld, string[] reasons)
    {
        var token = _gateway.IssueAccessToken(GatewayHost.Identity() with { AuthTime = _clock.GetUtcNow().AddMinutes(-minutesOld) });

        using var response = await _gateway.SendWithTokenAsync(HttpMethod.Get, path, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal("forbidden", problem.Code);
        Assert.Equal(reasons.Order(StringComparer.Ordinal), Strings(problem.Body["reasons"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BrowserWithAnOldSession_IsSentToSignIn_WithReturnUrlAndMaxAge_AndItsScriptsAreChallenged()
    {
        using var client = new PasskeyClient(_gateway);
        await PasskeyClient.ReadTokenAsync(await client.RegisterAsync(UniqueName.For("navigator")), HttpStatusCode.Created);
        using (var young = await NavigateAsync(client, "/fresh/orders?id=7&sort=desc"))
        {
            Assert.Equal(HttpStatusCode.OK, young.StatusCode);
        }

        _clock.Advance(TimeSpan.FromMinutes(6));
        using var navigation = await NavigateAsync(client, "/fresh/orders?id=7&sort=desc");
        using var script = await client.Http.GetAsync("/fresh/orders.json");

        Assert.Equal(HttpStatusCode.Found, navigation.StatusCode);
        Assert.Equal("/.auth/login?returnUrl=%2Ffresh%2Forders%3Fid%3D7%26sort%3Ddesc&maxAge=300", navigation.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, script.StatusCode);
        Assert.Equal(StaleChallenge, Challenge(script));
    }

    [Fact]
    public async Task Browser_IsSentToSignIn_OnlyWhereAPasskeyMeetsThePolicy()
    {
        var oldBiometric = GatewayHost.Identity(authMethod: "biometric") with { AuthTime = _clock.GetUtcNow().AddMinutes(-6) };
        var cookie = _gateway.IssueSessionToken(oldBiometric);

        // A route for biometric keys only: the sign-in page offers passkeys, whose sign-in would fail the method.
        using var biometricOnly = await NavigateAsync(cookie, "/biometric-fresh/page");
        using var api = await _gateway.SendWithTokenAsync(HttpMethod.Get, "/biometric-fresh/page", _gateway.IssueAccessToken(oldBiometric));

        // A route for passkeys: a passkey sign-in meets it, there is no age to name (maxAge=0).
        using var passkeyOnly = await NavigateAsync(_gateway.IssueSessionToken(GatewayHost.Identity(authMethod: "biometric")), "/passkey-only/page");

        Assert.Equal(HttpStatusCode.Forbidden, biometricOnly.StatusCode);
        Assert.False(biometricOnly.Headers.Contains("Location"));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(StaleChallenge, Challenge(api));
        Assert.Equal(HttpStatusCode.Found, passkeyOnly.StatusCode);
        Assert.Equal("/.auth/login?returnUrl=%2Fpasskey-only%2Fpage&maxAge=0", passkeyOnly.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task StepUp_BySameUser_KeepsTheSessionId_AndRenewsAuthTime()
    {
        using var client = new PasskeyClient(_gateway);
        await PasskeyClient.ReadTokenAsync(await client.RegisterAsync(UniqueName.For("stepper")), HttpStatusCode.Created);
        var before = await MeAsync(client);
        var sessionBefore = Assert.Single(await SessionListAsync(client));
        _clock.Advance(TimeSpan.FromMinutes(6));

        var token = await PasskeyClient.ReadTokenAsync(await client.ReauthenticateAsync(), HttpStatusCode.OK);

        var after = await MeAsync(client);
        Assert.Equal(SessionId(before), SessionId(after));
        Assert.Equal(SessionId(before), Jwt.ReadPayload(token)["sid"]!.GetValue<string>());
        Assert.True(AuthTime(after) >= AuthTime(before).AddMinutes(6), $"auth_time {AuthTime(after)} is not renewed (was {AuthTime(before)}).");
        using (var navigation = await NavigateAsync(client, "/fresh/statement"))
        {
            Assert.Equal(HttpStatusCode.OK, navigation.StatusCode);
        }

        using (var api = await _gateway.SendWithTokenAsync(HttpMethod.Get, "/fresh/statement", token))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        }

        // One session still, its record renewed: the same id, ending a session lifetime after the new sign-in.
        var sessionAfter = Assert.Single(await SessionListAsync(client));
        Assert.Equal(SessionId(before), sessionAfter!["id"]!.GetValue<string>());
        Assert.True(sessionAfter["expiresAt"]!.GetValue<DateTimeOffset>() > sessionBefore!["expiresAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task StepUp_ByAnotherUsersPasskey_EndsTheSessionItWasAskedFor_AndStartsANewOne()
    {
        using var alice = new PasskeyClient(_gateway);
        var alicesToken = await PasskeyClient.ReadTokenAsync(await alice.RegisterAsync(UniqueName.For("alice")), HttpStatusCode.Created);
        var alicesSession = SessionId(await MeAsync(alice));
        using var bob = new PasskeyClient(_gateway);
        await PasskeyClient.ReadTokenAsync(await bob.RegisterAsync(UniqueName.For("bob")), HttpStatusCode.Created);

        // Bob at Alice's browser: her session cookie, his passkey.
        using var sharedBrowser = new PasskeyClient(_gateway.Address, bob.Authenticator, alice.Cookies);
        var bobsToken = await PasskeyClient.ReadTokenAsync(await sharedBrowser.ReauthenticateAsync(), HttpStatusCode.OK);

        var now = await MeAsync(sharedBrowser);
        Assert.Equal(Jwt.ReadPayload(bobsToken)["sub"]!.GetValue<string>(), now["user"]!["id"]!.GetValue<string>());
        Assert.NotEqual(alicesSession, SessionId(now));
        using var alicesTokenAfter = await _gateway.SendWithTokenAsync(HttpMethod.Get, "/app/page", alicesToken);
        Assert.Equal(HttpStatusCode.Unauthorized, alicesTokenAfter.StatusCode);
        Assert.Equal("session-revoked", (await ProblemResponse.ReadAsync(alicesTokenAfter)).Code);
        Assert.Empty(await Sessions.ListSessionsAsync(Jwt.ReadPayload(alicesToken)["sub"]!.GetValue<string>(), _clock.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task StepUp_AnsweredInAnotherSessionThanItWasAskedIn_RaisesNeither()
    {
        var username = UniqueName.For("tabs");
        using var client = new PasskeyClient(_gateway);
        var first = await PasskeyClient.ReadTokenAsync(await client.RegisterAsync(username), HttpStatusCode.Created);
        var asked = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["reauthenticate"] = true });

        // Meanwhile another tab signs in again: the cookie now holds a second session of the same user.
        var second = await PasskeyClient.ReadTokenAsync(await client.SignInAsync(username), HttpStatusCode.OK);
        var third = await PasskeyClient.ReadTokenAsync(await client.PostJsonAsync("/.auth/passkeys/authentication", client.Authenticator.Get(asked)), HttpStatusCode.OK);

        Assert.DoesNotContain(Jwt.ReadPayload(third)["sid"]!.GetValue<string>(), new[] { first, second }.Select(t => Jwt.ReadPayload(t)["sid"]!.GetValue<string>()));
        foreach (var token in new[] { first, second })
        {
            using var response = await _gateway.SendWithTokenAsync(HttpMethod.Get, "/app/page", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task StepUp_OfASessionEndedMeanwhile_StartsANewOne_NeverBringsItBack()
    {
        using var client = new PasskeyClient(_gateway);
        var token = await PasskeyClient.ReadTokenAsync(await client.RegisterAsync(UniqueName.For("ended")), HttpStatusCode.Created);
        var claims = Jwt.ReadPayload(token);
        var (userId, sessionId) = (claims["sub"]!.GetValue<string>(), claims["sid"]!.GetValue<string>());
        var asked = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["reauthenticate"] = true });

        // The session's record is ended (by another replica, say) before its revocation reaches this one.
        Assert.True(await Sessions.EndSessionAsync(userId, sessionId, _clock.GetUtcNow(), CancellationToken.None));
        var answer = await PasskeyClient.ReadTokenAsync(await client.PostJsonAsync("/.auth/passkeys/authentication", client.Authenticator.Get(asked)), HttpStatusCode.OK);

        var newSession = Jwt.ReadPayload(answer)["sid"]!.GetValue<string>();
        Assert.NotEqual(sessionId, newSession);
        Assert.Equal([newSession], (await Sessions.ListSessionsAsync(userId, _clock.GetUtcNow(), CancellationToken.None)).Select(s => s.Id));
    }

    [Fact]
    public async Task StepUp_KeepsTheSessionsDeviceId_OnlyWhileThatDeviceIsBound()
    {
        using var client = new PasskeyClient(_gateway);
        var signIn = await PasskeyClient.ReadTokenAsync(await client.RegisterAsync(UniqueName.For("device")), HttpStatusCode.Created);
        var mobile = await MobileClient.ForSignInAsync(_gateway, signIn);
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await mobile.BindDeviceAsync(key);
        var raised = (await (await mobile.VerifyAsync(deviceId, key)).ReadJsonAsync())["token"]!.GetValue<string>();
        _clock.Advance(TimeSpan.FromMinutes(6));

        var stepped = await StepUpWithTokenAsync(client.Authenticator, raised);

        var claims = Jwt.ReadPayload(stepped);
        Assert.Equal(deviceId, claims["device_id"]!.GetValue<string>());
        Assert.Equal(mobile.SessionId, claims["sid"]!.GetValue<string>());
        Assert.True(claims["auth_time"]!.GetValue<long>() > Jwt.ReadPayload(raised)["auth_time"]!.GetValue<long>());

        // The device is removed from the account, its revocation not yet on this replica: the next step-up drops it.
        await _gateway.Services.GetRequiredService<ICredentialRepository>().RevokeDeviceAsync(mobile.User.Id, deviceId, _clock.GetUtcNow(), CancellationToken.None);
        var again = Jwt.ReadPayload(await StepUpWithTokenAsync(client.Authenticator, stepped));
        Assert.Null(again["device_id"]);
        Assert.Equal(mobile.SessionId, again["sid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reauthenticate_WithoutASession_IsAnOrdinarySignIn()
    {
        var username = UniqueName.For("cold");
        using var registered = new PasskeyClient(_gateway);
        await PasskeyClient.ReadTokenAsync(await registered.RegisterAsync(username), HttpStatusCode.Created);
        using var signedOut = new PasskeyClient(_gateway.Address, registered.Authenticator);

        var token = await PasskeyClient.ReadTokenAsync(await signedOut.ReauthenticateAsync(), HttpStatusCode.OK);

        Assert.Equal(username, Jwt.ReadPayload(token)["preferred_username"]!.GetValue<string>());
        Assert.Equal(2, (await Sessions.ListSessionsAsync(Jwt.ReadPayload(token)["sub"]!.GetValue<string>(), _clock.GetUtcNow(), CancellationToken.None)).Count);
    }

    /// <summary>The page writes the return path itself, and only a same-origin one, step-up or not.</summary>
    [Theory]
    [InlineData("/fresh/orders", "/fresh/orders")]
    [InlineData("//evil.example/steal", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("evil.example/steal", "/")]
    public async Task SignInPage_WithMaxAge_OffersTheStepUp_ReturningOnlyToSameOriginPaths(string returnUrl, string written)
    {
        var html = await _gateway.Client.GetStringAsync($"/.auth/login?returnUrl={Uri.EscapeDataString(returnUrl)}&maxAge=300");
        var plain = await _gateway.Client.GetStringAsync($"/.auth/login?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Contains($"data-return-url=\"{written}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.Contains("id=\"step-up\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"step-up\"", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task SignInPage_WithAMaxAgeThatIsNotASecondCount_IsRefused400(string maxAge)
    {
        using var response = await _gateway.Client.GetAsync($"/.auth/login?returnUrl=%2Ffresh&maxAge={Uri.EscapeDataString(maxAge)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-request", (await ProblemResponse.ReadAsync(response)).Code);
    }

    /// <summary>An API client's step-up: options and finish with its bearer token (no cookie); the new token.</summary>
    private async Task<string> StepUpWithTokenAsync(SoftwareAuthenticator authenticator, string token)
    {
        using var optionsResponse = await _gateway.SendWithTokenAsync(HttpMethod.Post, "/.auth/passkeys/authentication/options", token, new JsonObject { ["reauthenticate"] = true });
        Assert.Equal(HttpStatusCode.OK, optionsResponse.StatusCode);
        var options = JsonNode.Parse(await optionsResponse.Content.ReadAsStringAsync())!;
        return await PasskeyClient.ReadTokenAsync(
            await _gateway.SendWithTokenAsync(HttpMethod.Post, "/.auth/passkeys/authentication", token, authenticator.Get(options)), HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> NavigateAsync(PasskeyClient client, string path) => client.Http.SendAsync(Navigation(path));

    private Task<HttpResponseMessage> NavigateAsync(string sessionToken, string path)
    {
        var request = Navigation(path);
        request.Headers.Add("Cookie", $"{_gateway.Options.Session.CookieName}={sessionToken}");
        return _gateway.Client.SendAsync(request);
    }

    private static HttpRequestMessage Navigation(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        return request;
    }

    private static async Task<JsonNode> MeAsync(PasskeyClient client)
    {
        using var response = await client.Http.GetAsync("/.auth/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PasskeyClient.ReadJsonAsync(response);
    }

    private static async Task<JsonArray> SessionListAsync(PasskeyClient client)
    {
        using var response = await client.Http.GetAsync("/.auth/account/sessions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await PasskeyClient.ReadJsonAsync(response))["sessions"]!.AsArray();
    }

    private static string SessionId(JsonNode me) => me["sessionId"]!.GetValue<string>();

    private static DateTimeOffset AuthTime(JsonNode me) => me["authTime"]!.GetValue<DateTimeOffset>();

    private static string Challenge(HttpResponseMessage response) =>
        Assert.Single(response.Headers.NonValidated["WWW-Authenticate"]);

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());
}
