using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Account;

/// <summary>
/// <c>/.auth/account/credentials</c>: list, rename, delete; a deleted passkey cannot sign in and the tokens it minted
/// stop working on the next request; the last way to sign in is kept; other users' ids are 404.
/// </summary>
public sealed class CredentialSelfServiceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    [Fact]
    public async Task List_ShowsThePasskeys_AndRenameNamesThem()
    {
        using var client = new PasskeyClient(Gateway);
        (await client.RegisterAsync(UniqueName.For("self"))).Dispose();
        (await client.RegisterAsync(username: null)).Dispose();

        var list = await ListAsync(client);
        var first = list[0]!["id"]!.GetValue<string>();
        using var rename = await client.Http.PatchAsync($"/.auth/account/credentials/{first}", Json(new JsonObject { ["name"] = "Work laptop" }));
        var renamed = await ListAsync(client);

        Assert.Equal(2, list.Count);
        Assert.All(list, c => Assert.Equal("passkey", c!["type"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NoContent, rename.StatusCode);
        Assert.Equal("Work laptop", renamed.Single(c => c!["id"]!.GetValue<string>() == first)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_RevokesThePasskey_AndTheTokensItMinted_OnTheNextRequest()
    {
        using var client = new PasskeyClient(Gateway);
        (await client.RegisterAsync(UniqueName.For("self"))).Dispose();
        (await client.RegisterAsync(username: null)).Dispose();
        var doomed = client.Authenticator.Credentials.Last();
        using var signIn = await client.SignInAsync(credential: doomed);
        var token = (await PasskeyClient.ReadJsonAsync(signIn))["token"]!.GetValue<string>();
        using (var before = await client.GetWithTokenAsync("/app/x", token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var delete = await client.Http.DeleteAsync($"/.auth/account/credentials/{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(doomed.Id)}");
        using var after = await client.GetWithTokenAsync("/app/x", token);
        using var signInAgain = await client.SignInAsync(credential: doomed);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal("credential-revoked", (await ProblemResponse.ReadAsync(after)).Code);
        Assert.Equal("credential-unknown", (await ProblemResponse.ReadAsync(signInAgain)).Code);

        // The session cookie came from the deleted passkey too: it ended with it. The other passkey signs in again.
        using (var me = await client.Http.GetAsync("/.auth/me"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }

        (await client.SignInAsync(credential: client.Authenticator.Credentials.First())).Dispose();
        Assert.Single(await ListAsync(client));
    }

    [Fact]
    public async Task Delete_TheLastPasskey_IsRefused()
    {
        using var client = new PasskeyClient(Gateway);
        (await client.RegisterAsync(UniqueName.For("self"))).Dispose();
        var only = (await ListAsync(client)).Single()!["id"]!.GetValue<string>();

        using var response = await client.Http.DeleteAsync($"/.auth/account/credentials/{only}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("last-credential", (await ProblemResponse.ReadAsync(response)).Code);
        Assert.Single(await ListAsync(client));
    }

    [Fact]
    public async Task AnotherUsersCredential_IsNotFound_AndStaysUntouched()
    {
        using var alice = new PasskeyClient(Gateway);
        using var mallory = new PasskeyClient(Gateway);
        (await alice.RegisterAsync(UniqueName.For("self"))).Dispose();
        (await alice.RegisterAsync(username: null)).Dispose();
        (await mallory.RegisterAsync(UniqueName.For("self"))).Dispose();
        var aliceCredential = (await ListAsync(alice))[0]!["id"]!.GetValue<string>();

        using var delete = await mallory.Http.DeleteAsync($"/.auth/account/credentials/{aliceCredential}");
        using var rename = await mallory.Http.PatchAsync($"/.auth/account/credentials/{aliceCredential}", Json(new JsonObject { ["name"] = "mine" }));
        using var unknown = await mallory.Http.DeleteAsync("/.auth/account/credentials/not-a-credential");

        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(2, (await ListAsync(alice)).Count);
    }

    [Fact]
    public async Task WithoutASession_Is401()
    {
        using var response = await Gateway.Client.GetAsync("/.auth/account/credentials");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Admin_ListsAndRevokes_AnyUsersCredentials_AndEndsAllTheirSessions()
    {
        using var user = new PasskeyClient(Gateway);
        using var registered = await user.RegisterAsync(UniqueName.For("self"));
        var answer = await PasskeyClient.ReadJsonAsync(registered);
        var userId = answer["user"]!["id"]!.GetValue<string>();
        var userToken = answer["token"]!.GetValue<string>();
        var admin = Gateway.IssueAccessToken(GatewayHost.Identity("root") with { ExtraClaims = new Dictionary<string, object> { ["role"] = "admin" } });
        var nonAdmin = Gateway.IssueAccessToken(GatewayHost.Identity("pleb"));

        using var forbidden = await Send(HttpMethod.Get, $"/.auth/admin/users/{userId}/credentials", nonAdmin);
        using var list = await Send(HttpMethod.Get, $"/.auth/admin/users/{userId}/credentials", admin);
        var credentialId = JsonNode.Parse(await list.Content.ReadAsStringAsync())!["credentials"]![0]!["id"]!.GetValue<string>();
        using var revokeSessions = await Send(HttpMethod.Post, $"/.auth/admin/users/{userId}/sessions/revoke", admin);
        using var userAfter = await user.GetWithTokenAsync("/app/x", userToken);
        using var delete = await Send(HttpMethod.Delete, $"/.auth/admin/users/{userId}/credentials/{credentialId}", admin);
        using var audit = await Send(HttpMethod.Get, $"/.auth/admin/audit?user={userId}&limit=10", admin);
        using var auditAfterDelete = await Send(HttpMethod.Get, $"/.auth/admin/audit?user={userId}&limit=1", admin);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revokeSessions.StatusCode);
        Assert.Equal("user-sessions-revoked", (await ProblemResponse.ReadAsync(userAfter)).Code);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var entries = JsonNode.Parse(await audit.Content.ReadAsStringAsync())!["entries"]!.AsArray();
        Assert.Contains(entries, e => e!["event"]!.GetValue<string>() == "passkey_registration" && e["outcome"]!.GetValue<string>() == "success");
        Assert.Contains(entries, e => e!["event"]!.GetValue<string>() == "admin_sessions_revoke" && e["detail"]!.GetValue<string>() == "by root");
        var latest = JsonNode.Parse(await auditAfterDelete.Content.ReadAsStringAsync())!["entries"]![0]!;
        Assert.Equal("admin_credential_remove", latest["event"]!.GetValue<string>());
        Assert.Equal("passkey; by root", latest["detail"]!.GetValue<string>());
        Assert.Null(await Gateway.Services.GetRequiredService<ICredentialRepository>().FindPasskeyAsync(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(credentialId), default));
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Gateway.Client.SendAsync(request);
    }

    private static async Task<JsonArray> ListAsync(PasskeyClient client) =>
        JsonNode.Parse(await client.Http.GetStringAsync("/.auth/account/credentials"))!["credentials"]!.AsArray();

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

}
