using PasskeyGateway.Configuration;

namespace PasskeyGateway.Authentication;

/// <summary>
/// The session cookie: HttpOnly, SameSite=Lax, Path=/, no Domain; Secure with the <c>__Host-</c> prefix unless
/// explicitly relaxed for http://localhost (DESIGN.md §10).
/// </summary>
internal sealed class SessionCookie(GatewayOptions options)
{
    public string Name { get; } = options.Session.CookieName;

    public string? Read(HttpRequest request) => request.Cookies[Name];

    public void Append(HttpResponse response, string token, DateTimeOffset expiresAt) =>
        response.Cookies.Append(Name, token, CreateOptions(expiresAt));

    public void Delete(HttpResponse response) =>
        response.Cookies.Delete(Name, CreateOptions(expires: null));

    private CookieOptions CreateOptions(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = options.Session.Secure,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
