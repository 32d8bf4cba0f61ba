using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.CeremonyHosting;
using PasskeyGateway.Configuration;
using PasskeyGateway.OpenApi;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Account;

/// <summary>
/// <c>PATCH {prefix}/account/profile</c> <c>{ "displayName" }</c>: a user's own display name, the one thing of the
/// account a user may change; roles, groups, email and state are the administrators'. Audited with the user as actor.
/// </summary>
internal static class ProfileEndpoints
{
    public static IEndpointRouteBuilder MapProfileEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        endpoints.MapPatch(prefix + "/account/profile", async (HttpContext context, AccountManager accounts, ProblemWriter problems, GatewayOptions options) =>
        {
            if (context.SelfIssuedUserId() is not { } userId)
            {
                await problems.WriteAsync(context, ProblemCatalog.SelfIssuedSessionRequired);
                return;
            }

            var (body, bodyProblem) = await CeremonyRequest.ReadJsonBodyAsync(context, options.Limits.MaxCeremonyBodyBytes);
            if (bodyProblem is not null || CeremonyRequest.Deserialize(body!, AccountJsonContext.Default.ProfileRequest) is not { DisplayName: { } displayName })
            {
                await problems.WriteAsync(context, bodyProblem ?? ProblemCatalog.InvalidRequest, bodyProblem is null ? "Expected { \"displayName\" }." : null);
                return;
            }

            var outcome = await accounts.ChangeAsync(userId, new AccountChange(DisplayName: displayName), AccountActor.Of(context), context.RequestAborted);
            if (outcome.Problem is { } problem)
            {
                await problems.WriteAsync(context, problem, outcome.Detail);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
        })
            .RequireAuthorization()
            .WithName("changeProfile")
            .WithTags("Account")
            .WithSummary("Changes the signed-in user's display name.")
            .ReadsJson<ProfileRequest>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems([ProblemCatalog.SelfIssuedSessionRequired, .. ProblemSets.JsonBody, ProblemCatalog.UserNotFound, .. ProblemSets.Store]);

        return endpoints;
    }
}
