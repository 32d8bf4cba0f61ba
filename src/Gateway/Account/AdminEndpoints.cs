using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Account;

/// <summary>
/// The admin API, under the policy <c>Gateway:Admin:Policy</c> (default <c>admins</c>): a user's credentials, revoking
/// one (devices take their biometric keys along), revoking all of a user's sessions, and the audit trail with paging.
/// </summary>
internal static class AdminEndpoints
{
    public const int MaxAuditPage = 500;

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints, string prefix, string policy)
    {
        var group = endpoints.MapGroup(prefix + "/admin").RequireAuthorization(policy);

        group.MapGet("/users/{userId}/credentials", async (HttpContext context, string userId, CredentialManager credentials, IUserRepository users, ProblemWriter problems) =>
        {
            if (await users.FindUserAsync(userId, context.RequestAborted) is null)
            {
                await problems.WriteAsync(context, ProblemCatalog.UserNotFound);
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            await Results.Json(new CredentialList(await credentials.ListAsync(userId, context.RequestAborted)), AccountJsonContext.Default.CredentialList).ExecuteAsync(context);
        });

        group.MapDelete("/users/{userId}/credentials/{id}", async (HttpContext context, string userId, string id, CredentialManager credentials, ProblemWriter problems) =>
        {
            if (await credentials.RemoveAsync(context, userId, id, enforceLastCredential: false) == CredentialRemoval.Removed)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            await problems.WriteAsync(context, ProblemCatalog.CredentialNotFound);
        });

        group.MapPost("/users/{userId}/sessions/revoke", async (HttpContext context, string userId, CredentialManager credentials, IUserRepository users, ProblemWriter problems) =>
        {
            if (await users.FindUserAsync(userId, context.RequestAborted) is null)
            {
                await problems.WriteAsync(context, ProblemCatalog.UserNotFound);
                return;
            }

            await credentials.RevokeAllSessionsAsync(context, userId);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });

        group.MapGet("/audit", async (HttpContext context, string? user, long? before, int? limit, IAuditRepository audit) =>
        {
            var page = await audit.ReadAuditAsync(user, before, Math.Clamp(limit ?? 100, 1, MaxAuditPage), context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            var items = page.Records.Select(r => new AuditItem(r.Id, r.Entry.At, r.Entry.UserId, r.Entry.Event, r.Entry.Outcome, r.Entry.ClientIp, r.Entry.UserAgent, r.Entry.Detail)).ToList();
            await Results.Json(new AuditList(items, page.NextBeforeId), AccountJsonContext.Default.AuditList).ExecuteAsync(context);
        });

        return endpoints;
    }
}
