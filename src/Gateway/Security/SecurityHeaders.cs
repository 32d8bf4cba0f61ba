using PasskeyGateway.Configuration;

namespace PasskeyGateway.Security;

/// <summary>
/// The headers on every answer the gateway writes itself — pages, JSON, problems — so none can be framed, sniffed,
/// leak a <c>Referer</c> or be kept by a cache: a gateway answer may carry a token or user data. Assets and public
/// key documents set their own <c>Cache-Control</c> afterwards. A backend's answers are its own and pass untouched.
/// </summary>
internal sealed class SecurityHeaders(GatewayOptions options)
{
    public const string ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>One year, the usual minimum for preload lists; subdomains are not the gateway's to speak for.</summary>
    private const string StrictTransportSecurity = "max-age=31536000";

    private readonly bool _https = options.PublicOrigin?.Scheme == Uri.UriSchemeHttps;

    public void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        if (_https)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
    }
}
