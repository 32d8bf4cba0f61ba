using System.Text.Encodings.Web;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Login;

/// <summary>The sign-in page and the problem-type documentation pages, both plain HTML with no inline script.</summary>
internal static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        endpoints.MapGet(prefix + "/login", (HttpContext context, string? returnUrl, GatewayOptions options) =>
        {
            var target = ReturnUrl.OrRoot(returnUrl);
            return Results.Content(LoginPage.Render(prefix, target, options.RelyingParty.Name, options.Accounts.Registration == RegistrationMode.Open), "text/html; charset=utf-8");
        }).AllowAnonymous();

        endpoints.MapGet(prefix + "/enroll", (GatewayOptions options) =>
            Results.Content(LoginPage.RenderEnrollment(prefix, options.RelyingParty.Name), "text/html; charset=utf-8")).AllowAnonymous();

        endpoints.MapGet(prefix + "/assets/{name}", (HttpContext context, string name) =>
        {
            if (!LoginAssets.TryGet(name, out var asset))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=300";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(asset.Content, asset.ContentType);
        }).AllowAnonymous();

        endpoints.MapGet(prefix + "/problems/{code}", (HttpContext context, string code) =>
        {
            if (!ProblemCatalog.ByCode.TryGetValue(code, out var problem))
            {
                return Results.NotFound();
            }

            var html = HtmlEncoder.Default;
            return Results.Content(
                $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.Encode(problem.Code)}</title></head>"
                + $"<body><h1>{html.Encode(problem.Code)}</h1><p>HTTP {problem.Status}: {html.Encode(problem.Title)}</p></body></html>",
                "text/html; charset=utf-8");
        }).AllowAnonymous();

        return endpoints;
    }
}
