using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.CeremonyHosting;
using PasskeyGateway.Configuration;
using PasskeyGateway.OpenApi;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Account;

/// <summary>
/// The admin API, under the policy <c>Gateway:Admin:Policy</c> (default <c>admins</c>; DESIGN.md §11.1): users
/// (create with an enrollment link, list and search, read, change, remove, a new link, their sessions), a user's
/// credentials, revoking one (devices take their biometric keys along), revoking all of a user's sessions, and the
/// audit trail with paging.
/// </summary>
internal static class AdminEndpoints
{
    public const int MaxAuditPage = 500;
    public const int MaxUserPage = 200;

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints, string prefix, string policy)
    {
        var group = endpoints.MapGroup(prefix + "/admin").RequireAuthorization(policy).WithTags("Admin").ProducesProblems(ProblemSets.Store);
        var json = AccountJsonContext.Default;

        group.MapPost("/users", async (HttpContext context, AccountManager accounts, ProblemWriter problems, GatewayOptions options) =>
        {
            var (body, bodyProblem) = await CeremonyRequest.ReadJsonBodyAsync(context, options.Limits.MaxCeremonyBodyBytes);
            if (bodyProblem is not null || CeremonyRequest.Deserialize(body!, json.CreateUserRequest) is not { } request)
            {
                await problems.WriteAsync(context, bodyProblem ?? ProblemCatalog.InvalidRequest, bodyProblem is null ? "Expected { \"username\", \"displayName\", \"email\", \"roles\", \"groups\" }." : null);
                return;
            }

            var outcome = await accounts.CreateAsync(new NewAccount(request.Username, request.DisplayName, request.Email, request.Roles, request.Groups), AccountActor.Of(context), context.RequestAborted);
            if (await RefusedAsync(context, problems, outcome))
            {
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            await Results.Json(new CreatedUser(UserObject.From(outcome.User!, 0), Enrollment(outcome.Link!)), json.CreatedUser, statusCode: StatusCodes.Status201Created).ExecuteAsync(context);
        })
            .WithName("createUser")
            .WithSummary("Creates an account and its enrollment link.")
            .ReadsJson<CreateUserRequest>()
            .Produces<CreatedUser>(StatusCodes.Status201Created)
            .ProducesProblems([.. ProblemSets.JsonBody, ProblemCatalog.UsernameInvalid, ProblemCatalog.UsernameTaken]);

        group.MapGet("/users", async (HttpContext context, string? query, string? after, int? limit, IUserRepository users) =>
        {
            var page = await users.ListUsersAsync(string.IsNullOrWhiteSpace(query) ? null : query.Trim(), after, Math.Clamp(limit ?? 50, 1, MaxUserPage), context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            var list = new UserList([.. page.Users.Select(listing => UserObject.From(listing.User, listing.CredentialCount))], page.Next);
            await Results.Json(list, json.UserList).ExecuteAsync(context);
        })
            .WithName("listUsers")
            .WithSummary("Accounts, searched by query, a page of at most limit (default 50, at most 200) after the id of the last one seen.")
            .Produces<UserList>();

        group.MapGet("/users/{userId}", async (HttpContext context, string userId, IUserRepository users, ProblemWriter problems) =>
        {
            if (await users.FindUserAsync(userId, context.RequestAborted) is not { } user)
            {
                await problems.WriteAsync(context, ProblemCatalog.UserNotFound);
                return;
            }

            var count = await users.CountActiveCredentialsAsync(user.Id, context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            await Results.Json(UserObject.From(user, count.Passkeys + count.BiometricKeys), json.UserObject).ExecuteAsync(context);
        })
            .WithName("getUser")
            .WithSummary("One account.")
            .Produces<UserObject>()
            .ProducesProblems(ProblemCatalog.UserNotFound);

        group.MapPatch("/users/{userId}", async (HttpContext context, string userId, AccountManager accounts, IUserRepository users, ProblemWriter problems, GatewayOptions options) =>
        {
            var (body, bodyProblem) = await CeremonyRequest.ReadJsonBodyAsync(context, options.Limits.MaxCeremonyBodyBytes);
            string? error = null;
            if (bodyProblem is not null || AccountChangeReader.TryRead(body!, out error) is not { } change)
            {
                await problems.WriteAsync(context, bodyProblem ?? ProblemCatalog.InvalidRequest, bodyProblem is null ? error : null);
                return;
            }

            var outcome = await accounts.ChangeAsync(userId, change, AccountActor.Of(context), context.RequestAborted);
            if (await RefusedAsync(context, problems, outcome))
            {
                return;
            }

            var count = await users.CountActiveCredentialsAsync(userId, context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            await Results.Json(UserObject.From(outcome.User!, count.Passkeys + count.BiometricKeys), json.UserObject).ExecuteAsync(context);
        })
            .WithName("changeUser")
            .WithSummary("Changes an account; a change of email, roles, groups or disabled ends its sessions.")
            .ReadsJson<UserChangeRequest>()
            .Produces<UserObject>()
            .ProducesProblems([.. ProblemSets.JsonBody, ProblemCatalog.UserNotFound]);

        group.MapDelete("/users/{userId}", async (HttpContext context, string userId, AccountManager accounts, ProblemWriter problems) =>
        {
            if (!await RefusedAsync(context, problems, await accounts.RemoveAsync(userId, AccountActor.Of(context), context.RequestAborted)))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
        })
            .WithName("removeUser")
            .WithSummary("Removes an account with its credentials, devices, keys and sessions; its audit trail stays.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(ProblemCatalog.UserNotFound);

        group.MapPost("/users/{userId}/enrollment", async (HttpContext context, string userId, AccountManager accounts, ProblemWriter problems) =>
        {
            var outcome = await accounts.NewLinkAsync(userId, AccountActor.Of(context), context.RequestAborted);
            if (await RefusedAsync(context, problems, outcome))
            {
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            await Results.Json(Enrollment(outcome.Link!), json.EnrollmentObject, statusCode: StatusCodes.Status201Created).ExecuteAsync(context);
        })
            .WithName("createEnrollmentLink")
            .WithSummary("A new enrollment (or recovery) link for the account; its older links stop working.")
            .Produces<EnrollmentObject>(StatusCodes.Status201Created)
            .ProducesProblems(ProblemCatalog.UserNotFound, ProblemCatalog.AccountDisabled);

        group.MapGet("/users/{userId}/sessions", async (HttpContext context, string userId, IUserRepository users, ISessionRepository sessions, TimeProvider time, ProblemWriter problems) =>
        {
            if (await users.FindUserAsync(userId, context.RequestAborted) is null)
            {
                await problems.WriteAsync(context, ProblemCatalog.UserNotFound);
                return;
            }

            var list = await sessions.ListSessionsAsync(userId, time.GetUtcNow(), context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            await Results.Json(new SessionList([.. list.Select(session => SessionObject.From(session, currentSessionId: null))]), json.SessionList).ExecuteAsync(context);
        })
            .WithName("listUserSessions")
            .WithSummary("An account's live sessions.")
            .Produces<SessionList>()
            .ProducesProblems(ProblemCatalog.UserNotFound);

        group.MapGet("/users/{userId}/credentials", async (HttpContext context, string userId, CredentialManager credentials, IUserRepository users, ProblemWriter problems) =>
        {
            if (await users.FindUserAsync(userId, context.RequestAborted) is null)
            {
                await problems.WriteAsync(context, ProblemCatalog.UserNotFound);
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            await Results.Json(new CredentialList(await credentials.ListAsync(userId, context.RequestAborted)), AccountJsonContext.Default.CredentialList).ExecuteAsync(context);
        })
            .WithName("listUserCredentials")
            .WithSummary("An account's passkeys, devices and biometric keys.")
            .Produces<CredentialList>()
            .ProducesProblems(ProblemCatalog.UserNotFound);

        group.MapDelete("/users/{userId}/credentials/{id}", async (HttpContext context, string userId, string id, CredentialManager credentials, ProblemWriter problems) =>
        {
            if (await credentials.RemoveAsync(context, userId, id, enforceLastCredential: false) == CredentialRemoval.Removed)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            await problems.WriteAsync(context, ProblemCatalog.CredentialNotFound);
        })
            .WithName("removeUserCredential")
            .WithSummary("Revokes one of an account's credentials (a device takes its biometric keys along); the last one too.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(ProblemCatalog.CredentialNotFound);

        group.MapPost("/users/{userId}/sessions/revoke", async (HttpContext context, string userId, CredentialManager credentials, IUserRepository users, ProblemWriter problems) =>
        {
            if (await users.FindUserAsync(userId, context.RequestAborted) is null)
            {
                await problems.WriteAsync(context, ProblemCatalog.UserNotFound);
                return;
            }

            await credentials.RevokeAllSessionsAsync(context, userId);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        })
            .WithName("endUserSessions")
            .WithSummary("Ends every session of an account.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(ProblemCatalog.UserNotFound);

        group.MapGet("/audit", async (HttpContext context, string? user, long? before, int? limit, IAuditRepository audit) =>
        {
            var page = await audit.ReadAuditAsync(user, before, Math.Clamp(limit ?? 100, 1, MaxAuditPage), context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            var items = page.Records.Select(r => new AuditItem(r.Id, r.Entry.At, r.Entry.UserId, r.Entry.Event, r.Entry.Outcome, r.Entry.ClientIp, r.Entry.UserAgent, r.Entry.Detail)).ToList();
            await Results.Json(new AuditList(items, page.NextBeforeId), AccountJsonContext.Default.AuditList).ExecuteAsync(context);
        })
            .WithName("readAudit")
            .WithSummary("The audit trail, newest first, of one user or all, a page of at most limit (default 100, at most 500) before an entry id.")
            .Produces<AuditList>();

        return endpoints;
    }

    private static EnrollmentObject Enrollment(Enrollment.IssuedEnrollmentLink link) => new(link.Url, link.ExpiresAt);

    private static async Task<bool> RefusedAsync(HttpContext context, ProblemWriter problems, AccountOutcome outcome)
    {
        if (outcome.Problem is not { } problem)
        {
            return false;
        }

        await problems.WriteAsync(context, problem, outcome.Detail);
        return true;
    }
}
