using Microsoft.Playwright;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>Browser contexts that start signed in: the session cookie of a sign-in made by a test client, copied over.</summary>
public static class BrowserSessions
{
    public static async Task<IBrowserContext> ContextAsync(ChromiumFixture chromium, GatewayHost gateway, PasskeyClient client)
    {
        ArgumentNullException.ThrowIfNull(chromium);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(client);
        var context = await chromium.Browser.NewContextAsync();
        await context.AddCookiesAsync([.. client.Cookies.GetCookies(gateway.Address).Select(cookie => new Cookie
        {
            Name = cookie.Name,
            Value = cookie.Value,
            Domain = "localhost",
            Path = cookie.Path,
            HttpOnly = cookie.HttpOnly,
            Secure = cookie.Secure,
            SameSite = SameSiteAttribute.Lax,
        })]);
        return context;
    }
}
