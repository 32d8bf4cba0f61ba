using System.Net.Http.Headers;

namespace PasskeyGateway.IntegrationTests.ForwardAuth;

/// <summary>
/// The request a proxy sends to <c>/.auth/verify</c>, shaped exactly as each proxy shapes it: the client's headers
/// passed on, plus the proxy's description of the original request.
/// </summary>
public sealed record ForwardedRequest(string Family, string Method, string Uri, string Host)
{
    /// <summary>Traefik's ForwardAuth (and Caddy's forward_auth): a GET with X-Forwarded-Method/Proto/Host/Uri/For.</summary>
    public static ForwardedRequest Traefik(string method, string uri, string host) => new("traefik", method, uri, host);

    /// <summary>nginx auth_request with the documented location: X-Original-URI/-Method and X-Forwarded-Host/-Proto.</summary>
    public static ForwardedRequest Nginx(string method, string uri, string host) => new("nginx", method, uri, host);

    /// <summary>Envoy's ext_authz with path_prefix /.auth/verify: the original method and path after the prefix.</summary>
    public static ForwardedRequest Envoy(string method, string uri, string host) => new("envoy", method, uri, host);

    public string? Token { get; init; }

    public string? Cookie { get; init; }

    public string? Accept { get; init; }

    /// <summary>Other headers the client sent, passed on by the proxy.</summary>
    public IReadOnlyList<(string Name, string Value)> ClientHeaders { get; init; } = [];

    public bool AskRedirect { get; init; }

    public HttpRequestMessage ToMessage()
    {
        var query = AskRedirect ? "?redirect=true" : "";
        var message = Family switch
        {
            "envoy" => new HttpRequestMessage(new HttpMethod(Method), "/.auth/verify" + Uri + query),
            "nginx" => new HttpRequestMessage(new HttpMethod(Method), "/.auth/verify" + query),
            _ => new HttpRequestMessage(HttpMethod.Get, "/.auth/verify" + query),
        };

        var headers = message.Headers;
        switch (Family)
        {
            case "envoy":
                headers.Host = Host;
                break;
            case "nginx":
                headers.TryAddWithoutValidation("X-Original-URI", Uri);
                headers.TryAddWithoutValidation("X-Original-Method", Method);
                headers.TryAddWithoutValidation("X-Forwarded-Host", Host);
                headers.TryAddWithoutValidation("X-Forwarded-Proto", "http");
                break;
            default:
                headers.TryAddWithoutValidation("X-Forwarded-Method", Method);
                headers.TryAddWithoutValidation("X-Forwarded-Proto", "http");
                headers.TryAddWithoutValidation("X-Forwarded-Host", Host);
                headers.TryAddWithoutValidation("X-Forwarded-Uri", Uri);
                headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");
                break;
        }

        if (Token is not null)
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        if (Cookie is not null)
        {
            headers.TryAddWithoutValidation("Cookie", Cookie);
        }

        if (Accept is not null)
        {
            headers.TryAddWithoutValidation("Accept", Accept);
        }

        foreach (var (name, value) in ClientHeaders)
        {
            headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }
}
