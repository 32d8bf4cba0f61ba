using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.CeremonyHosting;
using PasskeyGateway.Configuration;
using PasskeyGateway.OpenApi;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Account;

/// <summary>
/// Self-service: <c>GET {prefix}/account/credentials</c>, <c>PATCH …/{id}</c> (rename a passkey) and
/// <c>DELETE …/{id}</c>. Only for sessions the gateway issued; an id that is unknown or another user's is 404.
/// </summary>
internal static class CredentialEndpoints
{
    public static IEndpointRouteBuilder MapCredentialEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix + "/account/credentials").RequireAuthorization().WithTags("Account")
            .ProducesProblems([ProblemCatalog.SelfIssuedSessionRequired, .. ProblemSets.Store]);

        group.MapGet("/", async (HttpContext context, CredentialManager credentials, ProblemWriter problems) =>
        {
            if (context.SelfIssuedUserId() is not { } userId)
            {
                await problems.WriteAsync(context, ProblemCatalog.SelfIssuedSessionRequired);
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            var list = await credentials.ListAsync(userId, context.RequestAborted);
            await Results.Json(new CredentialList(list), AccountJsonContext.Default.CredentialList).ExecuteAsync(context);
        })
            .WithName("listCredentials")
            .WithSummary("The signed-in user's passkeys, devices and biometric keys.")
            .Produces<CredentialList>();

        group.MapPatch("/{id}", async (HttpContext context, string id, CredentialManager credentials, ProblemWriter problems, GatewayOptions options) =>
        {
            if (context.SelfIssuedUserId() is not { } userId)
            {
                await problems.WriteAsync(context, ProblemCatalog.SelfIssuedSessionRequired);
                return;
            }

            var (body, bodyProblem) = await CeremonyRequest.ReadJsonBodyAsync(context, options.Limits.MaxCeremonyBodyBytes);
            if (bodyProblem is not null)
            {
                await problems.WriteAsync(context, bodyProblem);
                return;
            }

            var request = CeremonyRequest.Deserialize(body!, AccountJsonContext.Default.RenameRequest);
            if (request is null || request.Name?.Length > 64)
            {
                await problems.WriteAsync(context, ProblemCatalog.InvalidRequest, "Expected { \"name\": \"…\" } of at most 64 characters.");
                return;
            }

            if (!await credentials.RenamePasskeyAsync(userId, id, request.Name, context.RequestAborted))
            {
                await problems.WriteAsync(context, ProblemCatalog.CredentialNotFound);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
        })
            .WithName("renamePasskey")
            .WithSummary("Renames one of the signed-in user's passkeys.")
            .ReadsJson<RenameRequest>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems([.. ProblemSets.JsonBody, ProblemCatalog.CredentialNotFound]);

        group.MapDelete("/{id}", async (HttpContext context, string id, CredentialManager credentials, ProblemWriter problems) =>
        {
            if (context.SelfIssuedUserId() is not { } userId)
            {
                await problems.WriteAsync(context, ProblemCatalog.SelfIssuedSessionRequired);
                return;
            }

            switch (await credentials.RemoveAsync(context, userId, id, enforceLastCredential: true))
            {
                case CredentialRemoval.Removed:
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    break;
                case CredentialRemoval.LastCredential:
                    await problems.WriteAsync(context, ProblemCatalog.LastCredential);
                    break;
                default:
                    await problems.WriteAsync(context, ProblemCatalog.CredentialNotFound);
                    break;
            }
        })
            .WithName("removeCredential")
            .WithSummary("Revokes one of the signed-in user's passkeys, devices (with the biometric keys tied to them) or biometric keys.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(ProblemCatalog.LastCredential, ProblemCatalog.CredentialNotFound);

        return endpoints;
    }
}
