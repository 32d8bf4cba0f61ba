using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Accounts;

/// <summary>
/// Sessions (DESIGN.md §11.1): every sign-in records one; a user lists theirs (the one asking marked), ends one, or
/// signs out everywhere; an administrator sees a user's. Ending one refuses its tokens at their next request.
/// </summary>
public sealed class SessionTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    [Fact]
    public async Task Sessions_AreListedWithTheCurrentOneMarked_AndEndingOneRefusesItsTokens()
    {
        var username = UniqueName.For("multi");
        using var laptop = new PasskeyClient(Gateway);
        var first = await ReadSignInAsync(await laptop.RegisterAsync(username), HttpStatusCode.Created);
        var second = await ReadSignInAsync(await laptop.SignInAsync(username), HttpStatusCode.OK);

        var sessions = await ListAsync(second.Token);
        Assert.Equal(2, sessions.Count);
        var current = Assert.Single(sessions, s => s!["current"]!.GetValue<bool>());
        var other = Assert.Single(sessions, s => !s!["current"]!.GetValue<bool>());
        Assert.Equal("passkey", current!["authMethod"]!.GetValue<string>());
        Assert.NotNull(other!["createdAt"]);

        using var ended = await Gateway.SendWithTokenAsync(HttpMethod.Delete, $"/.auth/account/sessions/{other["id"]}", second.Token);
        using var endedAgain = await Gateway.SendWithTokenAsync(HttpMethod.Delete, $"/.auth/account/sessions/{other["id"]}", second.Token);
        using var firstAfter = await laptop.GetWithTokenAsync("/app/x", first.Token);
        using var secondAfter = await laptop.GetWithTokenAsync("/app/x", second.Token);

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal("session-not-found", (await ProblemResponse.ReadAsync(endedAgain)).Code);
        Assert.Equal("session-revoked", (await ProblemResponse.ReadAsync(firstAfter)).Code);
        Assert.Equal(HttpStatusCode.OK, secondAfter.StatusCode);
        Assert.Single(await ListAsync(second.Token));
    }

    [Fact]
    public async Task AnotherUsersSession_CannotBeEnded_AndIsNotListed()
    {
        using var alice = new PasskeyClient(Gateway);
        using var mallory = new PasskeyClient(Gateway);
        var alices = await ReadSignInAsync(await alice.RegisterAsync(UniqueName.For("alice")), HttpStatusCode.Created);
        var mallorys = await ReadSignInAsync(await mallory.RegisterAsync(UniqueName.For("mallory")), HttpStatusCode.Created);
        var alicesSession = (await ListAsync(alices.Token))[0]!["id"]!.GetValue<string>();

        using var attempt = await Gateway.SendWithTokenAsync(HttpMethod.Delete, $"/.auth/account/sessions/{alicesSession}", mallorys.Token);
        using var aliceAfter = await alice.GetWithTokenAsync("/app/x", alices.Token);

        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliceAfter.StatusCode);
        Assert.DoesNotContain(await ListAsync(mallorys.Token), s => s!["id"]!.GetValue<string>() == alicesSession);
    }

    [Fact]
    public async Task LogoutEverywhere_EndsEverySessionOfTheUser_AndOnlyTheirs()
    {
        var username = UniqueName.For("everywhere");
        using var phone = new PasskeyClient(Gateway);
        using var bystander = new PasskeyClient(Gateway);
        var first = await ReadSignInAsync(await phone.RegisterAsync(username), HttpStatusCode.Created);
        var second = await ReadSignInAsync(await phone.SignInAsync(username), HttpStatusCode.OK);
        var other = await ReadSignInAsync(await bystander.RegisterAsync(UniqueName.For("bystander")), HttpStatusCode.Created);

        using var logout = await Gateway.SendWithTokenAsync(HttpMethod.Post, "/.auth/logout", second.Token, new JsonObject { ["everywhere"] = true });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        foreach (var token in new[] { first.Token, second.Token })
        {
            using var after = await phone.GetWithTokenAsync("/app/x", token);
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }

        using var bystanderAfter = await bystander.GetWithTokenAsync("/app/x", other.Token);
        Assert.Equal(HttpStatusCode.OK, bystanderAfter.StatusCode);

        // Signing in again starts afresh.
        var fresh = await ReadSignInAsync(await phone.SignInAsync(username), HttpStatusCode.OK);
        Assert.Single(await ListAsync(fresh.Token));
    }

    [Fact]
    public async Task PlainLogout_EndsOnlyThisSession()
    {
        var username = UniqueName.For("plain");
        using var client = new PasskeyClient(Gateway);
        var first = await ReadSignInAsync(await client.RegisterAsync(username), HttpStatusCode.Created);
        var second = await ReadSignInAsync(await client.SignInAsync(username), HttpStatusCode.OK);

        using var logout = await Gateway.SendWithTokenAsync(HttpMethod.Post, "/.auth/logout", second.Token);
        using var firstAfter = await client.GetWithTokenAsync("/app/x", first.Token);
        using var secondAfter = await client.GetWithTokenAsync("/app/x", second.Token);

        Assert.Equal(HttpStatusCode.OK, firstAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, secondAfter.StatusCode);
        Assert.Single(await ListAsync(first.Token));
    }

    [Fact]
    public async Task Admin_SeesAUsersSessions()
    {
        using var client = new PasskeyClient(Gateway);
        var user = await ReadSignInAsync(await client.RegisterAsync(UniqueName.For("watched")), HttpStatusCode.Created);
        var admin = new AdminApi(Gateway);

        using var response = await admin.SendAsync(HttpMethod.Get, $"/users/{user.UserId}/sessions");
        using var unknown = await admin.SendAsync(HttpMethod.Get, "/users/nobody/sessions");

        var sessions = (await AdminApi.ReadAsync(response, HttpStatusCode.OK))["sessions"]!.AsArray();
        Assert.Single(sessions);
        Assert.False(sessions[0]!["current"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<JsonArray> ListAsync(string token)
    {
        using var response = await Gateway.SendWithTokenAsync(HttpMethod.Get, "/.auth/account/sessions", token);
        return (await AdminApi.ReadAsync(response, HttpStatusCode.OK))["sessions"]!.AsArray();
    }


    private static async Task<(string Token, string UserId)> ReadSignInAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var answer = await AdminApi.ReadAsync(response, expected);
            return (answer["token"]!.GetValue<string>(), answer["user"]!["id"]!.GetValue<string>());
        }
    }
}
