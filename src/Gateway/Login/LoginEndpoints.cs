using System.Net.Mime;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;
using PasskeyGateway.Pages;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Login;

/// <summary>
/// The sign-in and enrollment pages, their assets (the deployment's logo and style sheet among them) and the problem-type
/// documentation pages, all plain HTML with no inline script.
/// </summary>
internal static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        endpoints.MapGet(prefix + "/login", async (HttpContext context, string? returnUrl, int? maxAge, GatewayOptions options, PageBranding branding, ProblemWriter problems) =>
        {
            // A number that does not parse is refused by parameter binding (400 invalid-request); a negative one here.
            if (maxAge < 0)
            {
                await problems.WriteAsync(context, ProblemCatalog.InvalidRequest, "maxAge is a number of seconds, 0 or more.");
                return;
            }

            // The return path and the step-up are written into the page by the server: the script never reads the address.
            var page = LoginPage.Render(
                prefix, ReturnUrl.OrRoot(returnUrl), branding, options.Accounts.Registration == RegistrationMode.Open, PasskeySignals.DataAttributes(options), maxAge);
            await Results.Content(page, "text/html; charset=utf-8").ExecuteAsync(context);
        })
            .AllowAnonymous()
            .WithName("getLoginPage")
            .WithTags("Pages")
            .WithSummary("The sign-in page (passkeys, with autofill); returnUrl is where it goes after, a path on this origin. With maxAge (seconds, as a step-up sends it), a signed-in user is asked for a passkey again.")
            .Produces<string>(StatusCodes.Status200OK, MediaTypeNames.Text.Html)
            .ProducesProblems(ProblemCatalog.InvalidRequest);

        endpoints.MapGet(prefix + "/enroll", (PageBranding branding) =>
            Results.Content(LoginPage.RenderEnrollment(prefix, branding), "text/html; charset=utf-8"))
            .AllowAnonymous()
            .WithName("getEnrollmentPage")
            .WithTags("Pages")
            .WithSummary("The page of an enrollment or recovery link (the token is in the URL's fragment, never sent here).")
            .Produces<string>(StatusCodes.Status200OK, MediaTypeNames.Text.Html);

        endpoints.MapGet(prefix + "/assets/{name}", (HttpContext context, string name, PageBranding branding) =>
        {
            if (!LoginAssets.TryGet(name, out var asset) && !branding.TryGetAsset(name, out asset))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=300";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(asset.Content, asset.ContentType);
        })
            .AllowAnonymous()
            .WithName("getPageAsset")
            .WithTags("Pages")
            .WithSummary("The pages' scripts and style sheet, and the deployment's logo and style sheet (Gateway:Pages).")
            .Produces<Stream>(StatusCodes.Status200OK, MediaTypeNames.Text.JavaScript, [MediaTypeNames.Text.Css, .. PageOptions.LogoContentTypes.Values.Distinct()])
            .Produces(StatusCodes.Status404NotFound);

        endpoints.MapGet(prefix + "/problems/{code}", (string code, PageBranding branding) =>
        {
            if (!ProblemCatalog.ByCode.TryGetValue(code, out var problem))
            {
                return Results.NotFound();
            }

            return Results.Content(ProblemPage.Render(prefix, branding, problem, ProblemPageContext.Documentation), "text/html; charset=utf-8");
        })
            .AllowAnonymous()
            .WithName("getProblemPage")
            .WithTags("Pages")
            .WithSummary("What a problem code means, in words: every problem's type URL points here.")
            .Produces<string>(StatusCodes.Status200OK, MediaTypeNames.Text.Html)
            .Produces(StatusCodes.Status404NotFound);

        return endpoints;
    }
}
