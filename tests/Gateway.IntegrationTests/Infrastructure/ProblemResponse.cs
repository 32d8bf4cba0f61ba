using System.Net;
using System.Text.Json.Nodes;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>An RFC 9457 problem response, checked for its shape as it is read.</summary>
public sealed record ProblemResponse(HttpStatusCode Status, string Code, string Type, string Title, JsonObject Body)
{
    public static async Task<ProblemResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(text)!.AsObject();
        var code = body["code"]!.GetValue<string>();
        var type = body["type"]!.GetValue<string>();
        Assert.EndsWith("/problems/" + code, type, StringComparison.Ordinal);
        Assert.True(Uri.IsWellFormedUriString(type, UriKind.Absolute), type);
        Assert.Equal((int)response.StatusCode, body["status"]!.GetValue<int>());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return new ProblemResponse(response.StatusCode, code, type, body["title"]!.GetValue<string>(), body);
    }
}
