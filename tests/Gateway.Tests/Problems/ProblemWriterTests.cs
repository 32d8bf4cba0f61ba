using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PasskeyGateway.Configuration;
using PasskeyGateway.Pages;
using PasskeyGateway.Problems;
using PasskeyGateway.Security;

namespace PasskeyGateway.Tests.Problems;

/// <summary>
/// The one place problems are written: a browser navigation refused with 403, 429 or 503 gets the page in words (with
/// the wait of <c>Retry-After</c>), anything else problem+json. A 429 never reaches a navigation through the gateway's
/// own routes today (only ceremonies are limited, and they are POSTs), so the writer is checked here directly.
/// </summary>
public sealed class ProblemWriterTests
{
    private static readonly GatewayOptions Options = new()
    {
        PublicOrigin = new Uri("https://app.example.com"),
        RelyingParty = new RelyingPartyOptions { Id = "app.example.com", Name = "App" },
    };

    private readonly ProblemWriter _writer = new(Options, new SecurityHeaders(Options), new PageBranding(Options));

    [Fact]
    public async Task RateLimited_Navigation_IsAPageThatSaysWhenToTryAgain()
    {
        var context = Context("GET", "text/html,application/xhtml+xml;q=0.9", "/app/search?q=1");
        context.Response.Headers.RetryAfter = "42";

        await _writer.WriteAsync(context, ProblemCatalog.RateLimited);

        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", context.Response.ContentType);
        var html = Body(context);
        Assert.Contains("<h1>Too many attempts</h1>", html, StringComparison.Ordinal);
        Assert.Contains("You can try again in 42 seconds.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"try-again\" class=\"button\" href=\"/app/search?q=1\"", html, StringComparison.Ordinal);
        Assert.Equal("no-store", context.Response.Headers.CacheControl);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, context.Response.Headers.ContentSecurityPolicy);
    }

    [Theory]
    [InlineData("POST", "text/html")]
    [InlineData("GET", "application/json")]
    [InlineData("GET", null)]
    public async Task RateLimited_ForAnythingButANavigation_IsProblemJson(string method, string? accept)
    {
        var context = Context(method, accept, "/.auth/passkeys/authentication");

        await _writer.WriteAsync(context, ProblemCatalog.RateLimited);

        Assert.Equal(ProblemWriter.ContentType, context.Response.ContentType);
        using var json = JsonDocument.Parse(Body(context));
        Assert.Equal("rate-limited", json.RootElement.GetProperty("code").GetString());
        Assert.Equal(429, json.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(400)]
    public async Task OtherStatuses_StayProblemJson_EvenForANavigation(int status)
    {
        var context = Context("GET", "text/html", "/app");
        var problem = ProblemCatalog.ByCode.Values.First(p => p.Status == status);

        await _writer.WriteAsync(context, problem);

        Assert.Equal(ProblemWriter.ContentType, context.Response.ContentType);
    }

    [Fact]
    public async Task Navigation_ToAnUnsafePath_OffersTheRootInstead()
    {
        var context = Context("GET", "text/html", "//evil.example/");

        await _writer.WriteAsync(context, ProblemCatalog.Forbidden);

        var html = Body(context);
        Assert.Contains("returnUrl=%2F\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }

    private static DefaultHttpContext Context(string method, string? accept, string pathAndQuery)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        context.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
