using System.Net.Mime;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.CeremonyHosting;
using PasskeyGateway.Configuration;
using PasskeyGateway.OpenApi;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Pages;

/// <summary>
/// The account page, for any signed-in user of this gateway, and the admin page with its QR code drawing, under the
/// admin policy (DESIGN.md §11.2). A browser that is not signed in is sent to the sign-in page and back.
/// </summary>
internal static class PageEndpoints
{
    public static IEndpointRouteBuilder MapAccountPage(this IEndpointRouteBuilder endpoints, string prefix)
    {
        endpoints.MapGet(prefix + "/account", async (HttpContext context, IUserRepository users, GatewayOptions options, PageBranding branding, ProblemWriter problems) =>
        {
            if (context.SelfIssuedUserId() is not { } userId || await users.FindUserAsync(userId, context.RequestAborted) is not { } user)
            {
                await problems.WriteAsync(context, ProblemCatalog.SelfIssuedSessionRequired);
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            await Results.Content(
                AccountPage.Render(
                    prefix, branding, PasskeySignals.RelyingPartyId(options), user, PasskeySignals.Allowed(options),
                    context.User.FindFirst(GatewayClaimTypes.CredentialId)?.Value),
                "text/html; charset=utf-8").ExecuteAsync(context);
        })
            .RequireAuthorization()
            .WithName("getAccountPage")
            .WithTags("Pages")
            .WithSummary("The signed-in user's page: passkeys, devices, biometric keys and sessions.")
            .Produces<string>(StatusCodes.Status200OK, MediaTypeNames.Text.Html)
            .ProducesProblems([ProblemCatalog.SelfIssuedSessionRequired, .. ProblemSets.Store]);

        return endpoints;
    }

    public static IEndpointRouteBuilder MapAdminPage(this IEndpointRouteBuilder endpoints, string prefix, string policy)
    {
        endpoints.MapGet(prefix + "/admin", (HttpContext context, PageBranding branding) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(AdminPage.Render(prefix, branding), "text/html; charset=utf-8");
        })
            .RequireAuthorization(policy)
            .WithName("getAdminPage")
            .WithTags("Pages")
            .WithSummary("The administrators' page: users, enrollment links, roles and groups, the audit trail.")
            .Produces<string>(StatusCodes.Status200OK, MediaTypeNames.Text.Html);

        endpoints.MapPost(prefix + "/admin/qr", async (HttpContext context, ProblemWriter problems) =>
        {
            var (body, bodyProblem) = await CeremonyRequest.ReadJsonBodyAsync(context, 4096);
            if (bodyProblem is not null || CeremonyRequest.Deserialize(body!, PageJsonContext.Default.QrRequest) is not { Text: { Length: > 0 and <= QrCodes.MaxTextLength } text })
            {
                await problems.WriteAsync(context, bodyProblem ?? ProblemCatalog.InvalidRequest, bodyProblem is null ? $"Expected {{ \"text\" }} of 1 to {QrCodes.MaxTextLength} characters." : null);
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            await Results.Content(QrCodes.Svg(text), "image/svg+xml").ExecuteAsync(context);
        })
            .RequireAuthorization(policy)
            .WithName("drawQrCode")
            .WithTags("Admin")
            .WithSummary("An enrollment link drawn as a QR code, for the admin page to show inline.")
            .ReadsJson<QrRequest>()
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesProblems(ProblemSets.JsonBody);

        return endpoints;
    }
}

internal sealed record QrRequest([property: System.ComponentModel.DataAnnotations.Required] string? Text);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(QrRequest))]
internal sealed partial class PageJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
