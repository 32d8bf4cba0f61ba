using System.CommandLine;
using System.Globalization;
using PasskeyGateway.Account;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.CommandLine;

/// <summary>
/// <c>gateway user add|link|list|set|remove</c> (DESIGN.md §11.1): accounts on the configured store directly, with no
/// running gateway, so the first administrator can be made on a fresh install. <c>add</c> and <c>link</c> print the
/// enrollment URL alone on the last line. Each exits 1 with one clear line on a problem. Audited as <c>cli</c>.
/// </summary>
internal static class UserCommand
{
    public static Command Create(Option<string?> config)
    {
        var user = new Command("user", "Create, list, change and remove accounts on the configured store.");
        user.Subcommands.Add(Add(config));
        user.Subcommands.Add(Link(config));
        user.Subcommands.Add(List(config));
        user.Subcommands.Add(Set(config));
        user.Subcommands.Add(Remove(config));
        return user;
    }

    private static Command Add(Option<string?> config)
    {
        var username = UsernameArgument();
        var displayName = new Option<string?>("--display-name") { Description = "The name shown for the account (default: the username)." };
        var email = new Option<string?>("--email") { Description = "An email address, carried into tokens as 'email' (not verified)." };
        var (roles, groups) = (RoleOption(), GroupOption());
        var command = new Command("add", "Create an account and print its enrollment link.") { username, displayName, email, roles, groups };
        command.SetAction((result, cancellationToken) => RunAsync(result, config, async (accounts, _) =>
        {
            var outcome = await accounts.CreateAsync(
                new NewAccount(result.GetValue(username), result.GetValue(displayName), result.GetValue(email), result.GetValue(roles), result.GetValue(groups)),
                AccountActor.CommandLine,
                cancellationToken);
            return await PrintLinkAsync(outcome, $"Created '{outcome.User?.Username}' ({outcome.User?.Id}).");
        }, cancellationToken));
        return command;
    }

    private static Command Link(Option<string?> config)
    {
        var username = UsernameArgument();
        var command = new Command("link", "Print a new enrollment (recovery) link for an account; older links stop working.") { username };
        command.SetAction((result, cancellationToken) => RunAsync(result, config, async (accounts, users) =>
            await FindAsync(users, result.GetValue(username)!, cancellationToken) is { } found
                ? await PrintLinkAsync(await accounts.NewLinkAsync(found.Id, AccountActor.CommandLine, cancellationToken), $"A new link for '{found.Username}'; older links no longer work.")
                : await UnknownAsync(result.GetValue(username)!), cancellationToken));
        return command;
    }

    private static Command List(Option<string?> config)
    {
        var query = new Option<string?>("--query") { Description = "Only accounts whose username, display name or email contains this." };
        var command = new Command("list", "List the accounts, one per line.") { query };
        command.SetAction((result, cancellationToken) => RunAsync(result, config, async (_, users) =>
        {
            string? after = null;
            do
            {
                var page = await users.ListUsersAsync(result.GetValue(query), after, 200, cancellationToken);
                foreach (var (account, credentials) in page.Users.Select(listing => (listing.User, listing.CredentialCount)))
                {
                    await Console.Out.WriteLineAsync(string.Join('\t',
                        account.Username,
                        account.Id,
                        account.Disabled ? "disabled" : "enabled",
                        "roles=" + string.Join(',', account.Roles),
                        "groups=" + string.Join(',', account.Groups),
                        "email=" + account.Email,
                        "credentials=" + credentials.ToString(CultureInfo.InvariantCulture)));
                }

                after = page.Next;
            }
            while (after is not null);

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Set(Option<string?> config)
    {
        var username = UsernameArgument();
        var email = new Option<string?>("--email") { Description = "A new email address; an empty one clears it." };
        var displayName = new Option<string?>("--display-name") { Description = "A new display name." };
        var (roles, groups) = (RoleOption(), GroupOption());
        var clearRoles = new Option<bool>("--no-roles") { Description = "Remove every role." };
        var clearGroups = new Option<bool>("--no-groups") { Description = "Remove every group." };
        var disable = new Option<bool>("--disable") { Description = "Disable the account: its sessions end and no ceremony accepts it." };
        var enable = new Option<bool>("--enable") { Description = "Enable the account again (make a new link with 'gateway user link')." };
        var command = new Command("set", "Change an account; a list given replaces the old one, and a change of roles, groups, email or state ends its sessions.")
        {
            username, displayName, email, roles, groups, clearRoles, clearGroups, disable, enable,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result, config, async (accounts, users) =>
        {
            if (result.GetValue(disable) && result.GetValue(enable))
            {
                return await FailAsync("Give --disable or --enable, not both.");
            }

            if (await FindAsync(users, result.GetValue(username)!, cancellationToken) is not { } found)
            {
                return await UnknownAsync(result.GetValue(username)!);
            }

            var change = new AccountChange(
                DisplayName: result.GetValue(displayName),
                Email: result.GetValue(email),
                Roles: result.GetValue(clearRoles) ? [] : NullIfEmpty(result.GetValue(roles)),
                Groups: result.GetValue(clearGroups) ? [] : NullIfEmpty(result.GetValue(groups)),
                Disabled: result.GetValue(disable) ? true : result.GetValue(enable) ? false : null);
            var outcome = await accounts.ChangeAsync(found.Id, change, AccountActor.CommandLine, cancellationToken);
            if (outcome.Problem is not null)
            {
                return await FailAsync(outcome);
            }

            await Console.Out.WriteLineAsync($"Changed '{found.Username}'{(change.EndsSessions ? "; its sessions have ended" : "")}.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Remove(Option<string?> config)
    {
        var username = UsernameArgument();
        var command = new Command("remove", "Remove an account with its credentials and sessions (the audit trail stays).") { username };
        command.SetAction((result, cancellationToken) => RunAsync(result, config, async (accounts, users) =>
        {
            if (await FindAsync(users, result.GetValue(username)!, cancellationToken) is not { } found)
            {
                return await UnknownAsync(result.GetValue(username)!);
            }

            var outcome = await accounts.RemoveAsync(found.Id, AccountActor.CommandLine, cancellationToken);
            if (outcome.Problem is not null)
            {
                return await FailAsync(outcome);
            }

            await Console.Out.WriteLineAsync($"Removed '{found.Username}'.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, Option<string?> config, Func<AccountManager, IUserRepository, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = GatewayApp.BuildForCommand(GatewayConfigFile.Locate(result.GetValue(config)));
            var repository = app.Services.GetRequiredService<ICredentialRepository>();
            await repository.InitializeAsync(cancellationToken);
            return await action(app.Services.GetRequiredService<AccountManager>(), repository);
        }
        catch (GatewayConfigurationException e)
        {
            return await FailAsync(e.Message);
        }
        catch (CredentialStoreUnavailableException e)
        {
            return await FailAsync(e.Message);
        }
    }

    private static async Task<UserAccount?> FindAsync(IUserRepository users, string username, CancellationToken cancellationToken) =>
        await users.FindUserByUsernameAsync(username.Trim(), cancellationToken);

    private static async Task<int> PrintLinkAsync(AccountOutcome outcome, string done)
    {
        if (outcome.Problem is not null)
        {
            return await FailAsync(outcome);
        }

        await Console.Out.WriteLineAsync($"{done} The link works once, until {outcome.Link!.ExpiresAt:u}:");
        await Console.Out.WriteLineAsync(outcome.Link.Url);
        return 0;
    }

    private static Task<int> UnknownAsync(string username) => FailAsync($"No account is named '{username}'.");

    private static Task<int> FailAsync(AccountOutcome outcome) => FailAsync(outcome.Detail ?? outcome.Problem!.Title);

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 1;
    }

    private static string[]? NullIfEmpty(string[]? names) => names is { Length: > 0 } ? names : null;

    private static Argument<string> UsernameArgument() => new("username") { Description = "The account's username." };

    private static Option<string[]> RoleOption() => new("--role") { Description = "A role (repeat for several).", AllowMultipleArgumentsPerToken = false };

    private static Option<string[]> GroupOption() => new("--group") { Description = "A group (repeat for several).", AllowMultipleArgumentsPerToken = false };
}
