using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Passkeys;

/// <summary>
/// Passkey registration and sign-in through the gateway's HTTP API with a software authenticator: accounts, tokens,
/// cookies, identity headers, and the rules of DESIGN.md §10.
/// </summary>
public sealed class PasskeyCeremonyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    private ICredentialRepository Repository => Gateway.Services.GetRequiredService<ICredentialRepository>();

    [Theory]
    [InlineData(-7)]
    [InlineData(-257)]
    [InlineData(-8)]
    public async Task Register_NewAccount_Answers201_SignsIn_AndTheIdentityReachesTheBackend(int algorithm)
    {
        using var client = new PasskeyClient(Gateway);
        client.Authenticator.Algorithm = algorithm;
        var username = UniqueName.For("alg");

        using var response = await client.RegisterAsync(username);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await PasskeyClient.ReadJsonAsync(response);
        var token = answer["token"]!.GetValue<string>();
        Assert.Equal(username, answer["user"]!["username"]!.GetValue<string>());
        Assert.Equal(client.Authenticator.Credentials.Single().Id, Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(answer["credentialId"]!.GetValue<string>()));
        Assert.EndsWith("Z", answer["expiresAt"]!.GetValue<string>(), StringComparison.Ordinal);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("gateway=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        var jwt = new JsonWebToken(token);
        Assert.Equal(answer["user"]!["id"]!.GetValue<string>(), jwt.Subject);
        Assert.Equal("passkey", jwt.GetClaim("auth_method").Value);
        Assert.Equal(["hwk", "user", "mfa"], jwt.Claims.Where(c => c.Type == "amr").Select(c => c.Value));
        var echoed = await EchoedRequest.ReadAsync(await client.GetWithTokenAsync("/app/home", token));
        Assert.Equal([jwt.Subject], echoed.Header("X-Forwarded-User"));
        Assert.Equal([username], echoed.Header("X-Forwarded-Preferred-Username"));
        Assert.Equal(["passkey"], echoed.Header("X-Auth-Method"));
    }

    [Fact]
    public async Task SignIn_UsernameFirst_AndUsernameless_BothWork_AndTheCounterIsRecorded()
    {
        using var client = new PasskeyClient(Gateway);
        var username = UniqueName.For("both");
        (await client.RegisterAsync(username)).Dispose();

        using var usernameFirst = await client.SignInAsync(username);
        using var usernameless = await client.SignInAsync();

        Assert.Equal(HttpStatusCode.OK, usernameFirst.StatusCode);
        Assert.Equal(HttpStatusCode.OK, usernameless.StatusCode);
        var user = await Repository.FindUserByUsernameAsync(username, default);
        var stored = Assert.Single(await Repository.ListPasskeysAsync(user!.Id, default));
        Assert.Equal(client.Authenticator.Credentials.Single().SignCount, stored.SignCount);
        Assert.NotNull(stored.LastUsedAt);
    }

    [Fact]
    public async Task SyncablePasskey_GetsSwkInAmr()
    {
        using var client = new PasskeyClient(Gateway);
        client.Authenticator.BackupEligible = true;
        client.Authenticator.BackupState = true;
        (await client.RegisterAsync(UniqueName.For("sync"))).Dispose();

        using var response = await client.SignInAsync();

        var jwt = new JsonWebToken((await PasskeyClient.ReadJsonAsync(response))["token"]!.GetValue<string>());
        Assert.Equal(["swk", "user", "mfa"], jwt.Claims.Where(c => c.Type == "amr").Select(c => c.Value));
    }

    [Fact]
    public async Task RegistrationOptions_ForATakenUsername_WithoutSession_Is409()
    {
        var username = UniqueName.For("taken");
        using (var owner = new PasskeyClient(Gateway))
        {
            (await owner.RegisterAsync(username)).Dispose();
        }

        using var stranger = new PasskeyClient(Gateway);
        using var response = await stranger.PostJsonAsync("/.auth/passkeys/registration/options", new JsonObject { ["username"] = username.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("username-taken", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task SignedIn_AddsAnotherPasskey_ToTheSameAccount()
    {
        using var client = new PasskeyClient(Gateway);
        var username = UniqueName.For("two");
        (await client.RegisterAsync(username)).Dispose();

        using var second = await client.RegisterAsync(username: null);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var answer = await PasskeyClient.ReadJsonAsync(second);
        Assert.Null(answer["token"]);
        var user = await Repository.FindUserByUsernameAsync(username, default);
        Assert.Equal(2, (await Repository.ListPasskeysAsync(user!.Id, default)).Count);
        Assert.Equal(user.Id, answer["user"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignedIn_RegisteringForAnotherUsername_Is403()
    {
        using var client = new PasskeyClient(Gateway);
        (await client.RegisterAsync(UniqueName.For("me"))).Dispose();

        using var response = await client.PostJsonAsync("/.auth/passkeys/registration/options", new JsonObject { ["username"] = UniqueName.For("someone-else") });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("username-not-current-user", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task AuthenticationOptions_ForAnUnknownUsername_LookLikeAKnownOnes()
    {
        var known = UniqueName.For("known");
        using (var owner = new PasskeyClient(Gateway))
        {
            (await owner.RegisterAsync(known)).Dispose();
        }

        using var client = new PasskeyClient(Gateway);
        var forKnown = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["username"] = known });
        var forUnknown = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["username"] = "nobody-" + known });
        var forUnknownAgain = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["username"] = "nobody-" + known });

        // No credential ids for any username (passkeys are discoverable): the answer cannot tell the accounts apart.
        Assert.Equal(Shape(forKnown), Shape(forUnknown));
        Assert.Empty(forKnown["allowCredentials"]!.AsArray());
        Assert.Equal(forUnknown["allowCredentials"]!.ToJsonString(), forUnknownAgain["allowCredentials"]!.ToJsonString());
    }

    [Fact]
    public async Task SignIn_WithAnotherUsersPasskey_IsRefused()
    {
        using var alice = new PasskeyClient(Gateway);
        using var bob = new PasskeyClient(Gateway);
        (await alice.RegisterAsync(UniqueName.For("alice"))).Dispose();
        var bobName = UniqueName.For("bob");
        (await bob.RegisterAsync(bobName)).Dispose();

        // Bob's options name Bob; Alice's authenticator answers with her own passkey.
        var options = await bob.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["username"] = bobName });
        var assertion = alice.Authenticator.Get(new JsonObject { ["challenge"] = options["challenge"]!.GetValue<string>() });
        using var response = await bob.PostJsonAsync("/.auth/passkeys/authentication", assertion);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("credential-user-mismatch", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task SignCountRegression_IsRefused_AndSuspendsThePasskey()
    {
        using var client = new PasskeyClient(Gateway);
        (await client.RegisterAsync(UniqueName.For("clone"))).Dispose();
        var credential = client.Authenticator.Credentials.Single();
        using (var first = await client.SignInAsync(signCount: 10))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var cloned = await client.SignInAsync(signCount: 5);
        using var afterwards = await client.SignInAsync(signCount: 11);

        Assert.Equal("sign-count-regression", (await ProblemResponse.ReadAsync(cloned)).Code);
        Assert.Equal("credential-flagged", (await ProblemResponse.ReadAsync(afterwards)).Code);
        var stored = await Repository.FindPasskeyAsync(credential.Id, default);
        Assert.True(stored!.IsFlagged);
        Assert.Equal(10u, stored.SignCount);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        using var client = new PasskeyClient(Gateway);
        using var registered = await client.RegisterAsync(UniqueName.For("bye"));
        var token = (await PasskeyClient.ReadJsonAsync(registered))["token"]!.GetValue<string>();

        using var logout = await client.Http.PostAsync("/.auth/logout", null);
        using var after = await client.GetWithTokenAsync("/app/x", token);
        using var me = await client.Http.GetAsync("/.auth/me");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal("session-revoked", (await ProblemResponse.ReadAsync(after)).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    private static string Shape(JsonNode options) =>
        string.Join(",", options.AsObject().Select(p => p.Key)) + "|" + string.Join(",", options["allowCredentials"]!.AsArray().Select(c => string.Join("+", c!.AsObject().Select(p => p.Key))));

}
