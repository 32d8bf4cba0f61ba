using System.Globalization;
using System.Security.Claims;
using PasskeyGateway.Account;
using PasskeyGateway.Authentication;
using PasskeyGateway.OpenApi;
using PasskeyGateway.Problems;
using PasskeyGateway.Sessions;

namespace PasskeyGateway.Endpoints;

/// <summary><c>GET {prefix}/me</c> and <c>POST {prefix}/logout</c>.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        endpoints.MapGet(prefix + "/me", (HttpContext context) =>
        {
            var user = context.User;
            var token = context.Features.Get<GatewayAuthenticationFeature>()!.Token!;
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(
                new MeResponse(
                    new UserSummary(user.FindFirst(GatewayClaimTypes.Subject)!.Value, user.FindFirst(GatewayClaimTypes.PreferredUsername)?.Value),
                    user.FindFirst(GatewayClaimTypes.AuthMethod)?.Value,
                    [.. user.FindAll(GatewayClaimTypes.AuthenticationMethods).Select(c => c.Value)],
                    user.FindFirst(GatewayClaimTypes.DeviceId)?.Value,
                    ReadUnixTime(user, GatewayClaimTypes.AuthTime),
                    token.ExpiresAt,
                    user.FindFirst(GatewayClaimTypes.Subject)!.Issuer,
                    token.RevocationKeys?.SessionId),
                GatewayJsonContext.Default.MeResponse);
        })
            .RequireAuthorization()
            .WithName("getMe")
            .WithTags("Session")
            .WithSummary("The current identity: who, how and when they signed in, and when the token expires.")
            .Produces<MeResponse>();

        endpoints.MapPost(prefix + "/logout", async (HttpContext context, SessionCookie cookie, SessionEnder sessions) =>
        {
            // Ends the session everywhere: the cookie here, and every token carrying its sid on every replica; with
            // { "everywhere": true }, every session of the user.
            if (context.Features.Get<GatewayAuthenticationFeature>()?.Token?.RevocationKeys is { SessionId: { } sessionId } keys)
            {
                await sessions.SignOutAsync(context, keys.Subject, sessionId, await WantsEverywhereAsync(context));
            }

            cookie.Delete(context.Response);
            context.Response.Headers.CacheControl = "no-store";

            // A sign-out button in a plain HTML form lands on the sign-in page; API callers get 204.
            return context.Request.HasFormContentType
                ? Results.Redirect($"{prefix}/login", permanent: false, preserveMethod: false)
                : Results.NoContent();
        })
            .AllowAnonymous()
            .WithName("logout")
            .WithTags("Session")
            .WithSummary("Ends the session (or, with everywhere, every session of the user) and clears the cookie; a form post is sent on to the sign-in page.")
            .ReadsJson<Account.LogoutRequest>(isOptional: true, "application/x-www-form-urlencoded")
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status302Found)
            .ProducesProblems(ProblemSets.Store);

        return endpoints;
    }

    /// <summary><c>{ "everywhere": true }</c> as JSON, or <c>everywhere=true</c> in a form; anything else means this session only.</summary>
    private static async Task<bool> WantsEverywhereAsync(HttpContext context)
    {
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            return string.Equals(form["everywhere"], "true", StringComparison.OrdinalIgnoreCase);
        }

        if (context.Request.ContentLength is null or 0 || context.Request.ContentLength > 1024)
        {
            return false;
        }

        var (body, problem) = await CeremonyHosting.CeremonyRequest.ReadJsonBodyAsync(context, 1024);
        return problem is null && CeremonyHosting.CeremonyRequest.Deserialize(body!, Account.AccountJsonContext.Default.LogoutRequest) is { Everywhere: true };
    }

    private static DateTimeOffset? ReadUnixTime(ClaimsPrincipal user, string type) =>
        long.TryParse(user.FindFirst(type)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
