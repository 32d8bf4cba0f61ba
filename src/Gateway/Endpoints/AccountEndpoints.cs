using System.Globalization;
using System.Security.Claims;
using PasskeyGateway.Account;
using PasskeyGateway.Authentication;

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
                    user.FindFirst(GatewayClaimTypes.Subject)!.Issuer),
                GatewayJsonContext.Default.MeResponse);
        }).RequireAuthorization();

        endpoints.MapPost(prefix + "/logout", async (HttpContext context, SessionCookie cookie, CredentialManager credentials) =>
        {
            // Ends the session everywhere: the cookie here, and every token carrying its sid on every replica.
            if (context.Features.Get<GatewayAuthenticationFeature>()?.Token?.RevocationKeys is { SessionId: { } sessionId } keys)
            {
                await credentials.RevokeSessionAsync(context, keys.Subject, sessionId);
            }

            cookie.Delete(context.Response);
            context.Response.Headers.CacheControl = "no-store";

            // A sign-out button in a plain HTML form lands on the sign-in page; API callers get 204.
            return context.Request.HasFormContentType
                ? Results.Redirect($"{prefix}/login", permanent: false, preserveMethod: false)
                : Results.NoContent();
        }).AllowAnonymous();

        return endpoints;
    }

    private static DateTimeOffset? ReadUnixTime(ClaimsPrincipal user, string type) =>
        long.TryParse(user.FindFirst(type)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
