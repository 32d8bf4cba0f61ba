namespace PasskeyGateway.OpenApi;

/// <summary>The names the OpenAPI document of the gateway's own API is built and served under.</summary>
internal static class GatewayOpenApi
{
    /// <summary>The document's name for Microsoft.AspNetCore.OpenApi (its keyed services are registered under it).</summary>
    public const string DocumentName = "gateway";

    /// <summary>Where the document is served, under the path prefix.</summary>
    public const string Path = "/openapi.json";

    /// <summary>The security scheme of a bearer token (the gateway's own JWT, or an external issuer's).</summary>
    public const string BearerScheme = "bearer";

    /// <summary>The security scheme of the session cookie.</summary>
    public const string CookieScheme = "sessionCookie";

    /// <summary>The component schema of every problem answer (RFC 9457, as <c>ProblemWriter</c> writes it).</summary>
    public const string ProblemSchema = "Problem";

    /// <summary>The extension member of a problem response that lists its codes, for code generators and tests.</summary>
    public const string ProblemCodesExtension = "x-problem-codes";
}
