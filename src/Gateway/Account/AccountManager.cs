using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Enrollment;
using PasskeyGateway.Observability;
using PasskeyGateway.Problems;
using PasskeyGateway.Sessions;

namespace PasskeyGateway.Account;

/// <summary>
/// An organisation's accounts (DESIGN.md §11.1), for the admin API and the <c>gateway user</c> commands alike:
/// create one with an enrollment link, make a new link, change one, remove one. A change to what tokens carry (roles,
/// groups, email) or to <c>disabled</c> ends the account's sessions on every replica: its session records end, and
/// every token of an older account version is revoked — also one minted by a sign-in that raced the change. Every
/// action is audited with the actor: an administrator's id, or <c>cli</c>.
/// </summary>
internal sealed class AccountManager(
    IUserRepository users,
    ISessionRepository sessions,
    EnrollmentLinks links,
    RevocationWriter revocations,
    AuditTrail audit,
    TimeProvider timeProvider)
{
    public async Task<AccountOutcome> CreateAsync(NewAccount account, AccountActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (AccountRules.NormalizeUsername(account.Username) is not { } username)
        {
            return AccountOutcome.Refused(ProblemCatalog.UsernameInvalid, "A username of 1 to 64 characters: lower-case letters, digits and . _ @ -, starting with a letter or digit.");
        }

        var displayName = account.DisplayName?.Trim();
        if ((AccountRules.CheckDisplayName(displayName) ?? AccountRules.CheckEmail(account.Email)
            ?? AccountRules.CheckNames(account.Roles, "role") ?? AccountRules.CheckNames(account.Groups, "group")) is { } invalid)
        {
            return AccountOutcome.Refused(ProblemCatalog.InvalidRequest, invalid);
        }

        var user = new UserAccount(
            CredentialIdentifiers.NewId(), username, string.IsNullOrEmpty(displayName) ? username : displayName,
            CredentialIdentifiers.NewUserHandle(), AccountRules.Distinct(account.Roles) ?? [], timeProvider.GetUtcNow(), Disabled: false)
        {
            Email = string.IsNullOrEmpty(account.Email) ? null : account.Email,
            Groups = AccountRules.Distinct(account.Groups) ?? [],
        };
        if (await users.CreateUserAsync(user, cancellationToken) == CreateResult.Conflict)
        {
            await AuditAsync(actor, "admin_user_create", "username-taken", userId: null, cancellationToken);
            return AccountOutcome.Refused(ProblemCatalog.UsernameTaken, "That username is taken.");
        }

        var link = await links.CreateAsync(user.Id, actor.Id, cancellationToken);
        await AuditAsync(actor, "admin_user_create", "success", user.Id, cancellationToken);
        return new AccountOutcome(user, Link: link);
    }

    /// <summary>A new enrollment (or recovery) link for the account; the older ones are void.</summary>
    public async Task<AccountOutcome> NewLinkAsync(string userId, AccountActor actor, CancellationToken cancellationToken)
    {
        if (await users.FindUserAsync(userId, cancellationToken) is not { } user)
        {
            return AccountOutcome.Refused(ProblemCatalog.UserNotFound);
        }

        if (user.Disabled)
        {
            return AccountOutcome.Refused(ProblemCatalog.AccountDisabled, "Enable the account first: a disabled account's links cannot be used.");
        }

        var link = await links.CreateAsync(user.Id, actor.Id, cancellationToken);
        await AuditAsync(actor, "admin_enrollment_link", "success", user.Id, cancellationToken);
        return new AccountOutcome(user, Link: link);
    }

    public async Task<AccountOutcome> ChangeAsync(string userId, AccountChange change, AccountActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var displayName = change.DisplayName?.Trim();
        if ((AccountRules.CheckDisplayName(displayName) ?? AccountRules.CheckEmail(change.Email)
            ?? AccountRules.CheckNames(change.Roles, "role") ?? AccountRules.CheckNames(change.Groups, "group")) is { } invalid)
        {
            return AccountOutcome.Refused(ProblemCatalog.InvalidRequest, invalid);
        }

        var normalized = change with { DisplayName = displayName, Roles = AccountRules.Distinct(change.Roles), Groups = AccountRules.Distinct(change.Groups) };
        var now = timeProvider.GetUtcNow();
        if (await users.UpdateUserAsync(userId, normalized, now, cancellationToken) is not { } user)
        {
            return AccountOutcome.Refused(ProblemCatalog.UserNotFound);
        }

        if (normalized.EndsSessions)
        {
            // The version revocation first: it alone also refuses a token minted by a sign-in that read the account
            // before the change. The records follow, so the sessions list shows them ended.
            await revocations.RevokeOlderVersionsAsync(user.Id, user.Version, cancellationToken);
            await sessions.EndAllSessionsAsync(user.Id, now, cancellationToken);
        }

        await AuditAsync(actor, "admin_user_change", "success", user.Id, cancellationToken, Describe(normalized));
        return new AccountOutcome(user);
    }

    /// <summary>Removes the account and everything of it but its audit trail; its tokens are refused at once.</summary>
    public async Task<AccountOutcome> RemoveAsync(string userId, AccountActor actor, CancellationToken cancellationToken)
    {
        if (await users.FindUserAsync(userId, cancellationToken) is not { } user)
        {
            return AccountOutcome.Refused(ProblemCatalog.UserNotFound);
        }

        await revocations.RevokeOlderVersionsAsync(user.Id, long.MaxValue, cancellationToken);
        if (!await users.DeleteUserAsync(user.Id, cancellationToken))
        {
            return AccountOutcome.Refused(ProblemCatalog.UserNotFound);
        }

        await AuditAsync(actor, "admin_user_remove", "success", user.Id, cancellationToken, user.Username);
        return new AccountOutcome(user);
    }

    private Task AuditAsync(AccountActor actor, string @event, string outcome, string? userId, CancellationToken cancellationToken, string? detail = null) =>
        audit.RecordAsync(@event, outcome, userId, string.Join("; ", new[] { detail, "by " + actor.Id }.Where(part => part is not null)), actor.ClientIp, actor.UserAgent);

    /// <summary>What changed, by name only (no values: an email is personal data).</summary>
    private static string Describe(AccountChange change) => string.Join(", ", new (string Name, bool Changed)[]
    {
        ("displayName", change.DisplayName is not null), ("email", change.Email is not null), ("roles", change.Roles is not null),
        ("groups", change.Groups is not null), (change.Disabled == true ? "disabled" : "enabled", change.Disabled is not null),
    }.Where(part => part.Changed).Select(part => part.Name));
}

/// <summary>An account an administrator creates.</summary>
internal sealed record NewAccount(string? Username, string? DisplayName = null, string? Email = null, IReadOnlyList<string>? Roles = null, IReadOnlyList<string>? Groups = null);

/// <summary>Who acts: an administrator (their <c>sub</c>, address and user agent) or the command line (<c>cli</c>).</summary>
internal sealed record AccountActor(string Id, string? ClientIp = null, string? UserAgent = null)
{
    public static readonly AccountActor CommandLine = new("cli", UserAgent: "gateway user");

    /// <summary>The signed-in caller of a request: its <c>sub</c>, address and user agent.</summary>
    public static AccountActor Of(HttpContext context) => new(
        context.User.FindFirst(Authentication.GatewayClaimTypes.Subject)?.Value ?? "unknown",
        context.Connection.RemoteIpAddress?.ToString(),
        context.Request.Headers.UserAgent.ToString());
}

/// <summary>The account as it now is (and a new link when one was made), or the problem that refused the action.</summary>
internal sealed record AccountOutcome(UserAccount? User, GatewayProblem? Problem = null, string? Detail = null, IssuedEnrollmentLink? Link = null)
{
    public static AccountOutcome Refused(GatewayProblem problem, string? detail = null) => new(null, problem, detail);
}
