using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>The admin API (DESIGN.md §11.1) as an administrator calls it: a bearer token with the <c>admin</c> role.</summary>
public sealed class AdminApi(GatewayHost gateway, string adminId = "root")
{
    public string AdminId => adminId;

    /// <summary>Signed in now by the gateway's clock (a test may run it ahead).</summary>
    public string Token { get; } = gateway.IssueAccessToken(GatewayHost.Identity(adminId) with
    {
        AuthTime = gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow(),
        ExtraClaims = new Dictionary<string, object> { ["role"] = "admin" },
    });

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body = null) =>
        gateway.SendWithTokenAsync(method, "/.auth/admin" + path, Token, body);

    /// <summary>Creates a user, which must succeed: the user object and the enrollment link's token (its fragment).</summary>
    public async Task<(JsonObject User, string LinkToken, string Url)> CreateUserAsync(string username, JsonArray? roles = null, JsonArray? groups = null, string? email = null)
    {
        var body = new JsonObject { ["username"] = username, ["roles"] = roles ?? [], ["groups"] = groups ?? [] };
        if (email is not null)
        {
            body["email"] = email;
        }

        using var response = await SendAsync(HttpMethod.Post, "/users", body);
        var answer = await ReadAsync(response, HttpStatusCode.Created);
        var url = answer["enrollment"]!["url"]!.GetValue<string>();
        return (answer["user"]!.AsObject(), TokenOf(url), url);
    }

    public async Task<JsonObject> ChangeUserAsync(string userId, JsonObject change)
    {
        using var response = await SendAsync(HttpMethod.Patch, $"/users/{userId}", change);
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    public async Task<string> NewLinkTokenAsync(string userId)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/users/{userId}/enrollment");
        var url = (await ReadAsync(response, HttpStatusCode.Created))["url"]!.GetValue<string>();
        return TokenOf(url);
    }

    /// <summary>An enrollment link's token: its fragment, the part after <c>#</c>.</summary>
    public static string TokenOf(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url[(url.IndexOf('#', StringComparison.Ordinal) + 1)..];
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
