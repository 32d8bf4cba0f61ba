using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Problems;
using PasskeyGateway.Sessions;

namespace PasskeyGateway.Account;

/// <summary>
/// Self-service sessions (DESIGN.md §11.1): <c>GET {prefix}/account/sessions</c> lists the caller's live sessions, the
/// one asking marked <c>current</c>; <c>DELETE …/{id}</c> ends one (<c>404</c> for an id that is not the caller's).
/// Only for sessions the gateway issued.
/// </summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix + "/account/sessions").RequireAuthorization().WithTags("Account")
            .ProducesProblems([ProblemCatalog.SelfIssuedSessionRequired, .. ProblemSets.Store]);

        group.MapGet("/", async (HttpContext context, ISessionRepository sessions, TimeProvider time, ProblemWriter problems) =>
        {
            if (context.GatewaySession() is not { } session)
            {
                await problems.WriteAsync(context, ProblemCatalog.SelfIssuedSessionRequired);
                return;
            }

            var list = await sessions.ListSessionsAsync(session.UserId, time.GetUtcNow(), context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            await Results.Json(new SessionList([.. list.Select(record => SessionObject.From(record, session.SessionId))]), AccountJsonContext.Default.SessionList).ExecuteAsync(context);
        })
            .WithName("listSessions")
            .WithSummary("The signed-in user's live sessions, the one asking marked current.")
            .Produces<SessionList>();

        group.MapDelete("/{id}", async (HttpContext context, string id, SessionEnder ender, ProblemWriter problems) =>
        {
            if (context.GatewaySession() is not { } session)
            {
                await problems.WriteAsync(context, ProblemCatalog.SelfIssuedSessionRequired);
                return;
            }

            if (!await ender.EndAsync(context, session.UserId, id))
            {
                await problems.WriteAsync(context, ProblemCatalog.SessionNotFound);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
        })
            .WithName("endSession")
            .WithSummary("Ends one of the signed-in user's sessions.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(ProblemCatalog.SessionNotFound);

        return endpoints;
    }
}
