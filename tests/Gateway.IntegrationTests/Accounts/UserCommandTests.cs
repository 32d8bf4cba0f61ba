using System.Net;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Accounts;

/// <summary>
/// <c>gateway user …</c> (DESIGN.md §11.1): the real command, run as its own process on the store of a running gateway
/// (the SQLite file both open), as an operator makes the first administrator on a fresh install.
/// </summary>
public sealed class UserCommandTests(InviteGatewayFixture fixture) : IClassFixture<InviteGatewayFixture>
{
    private static readonly TimeSpan RevocationReload = TimeSpan.FromSeconds(30);

    private GatewayHost Gateway => fixture.Host;

    [Fact]
    public async Task Add_PrintsALinkThatEnrolls_IntoAnAccountWithItsRolesAndGroups()
    {
        var username = UniqueName.For("first-admin");

        var (exitCode, output, error) = await RunAsync("add", username, "--role", "admin", "--group", "ops", "--email", $"{username}@example.com");

        Assert.True(exitCode == 0, error);
        var url = output.TrimEnd().Split('\n')[^1];
        Assert.StartsWith($"http://localhost:{Gateway.Port}/.auth/enroll#", url, StringComparison.Ordinal);
        using var client = new PasskeyClient(Gateway);
        var token = await PasskeyClient.ReadTokenAsync(await client.EnrollAsync(AdminApi.TokenOf(url)), HttpStatusCode.Created);
        using var admin = await client.GetWithTokenAsync("/admin/x", token);
        var echoed = await EchoedRequest.ReadAsync(admin);
        Assert.Equal(["ops"], echoed.Header("X-Forwarded-Groups"));

        var list = await RunAsync("list", "--query", username);
        Assert.Equal(0, list.ExitCode);
        var line = Assert.Single(list.Output.TrimEnd().Split('\n'));
        Assert.StartsWith(username + "\t", line, StringComparison.Ordinal);
        Assert.Contains("roles=admin", line, StringComparison.Ordinal);
        Assert.Contains("credentials=1", line, StringComparison.Ordinal);

        using var audit = await new AdminApi(Gateway).SendAsync(HttpMethod.Get, $"/audit?user={echoed.Header("X-Forwarded-User")[0]}&limit=20");
        var entries = (await AdminApi.ReadAsync(audit, HttpStatusCode.OK))["entries"]!.AsArray();
        Assert.Contains(entries, e => e!["event"]!.GetValue<string>() == "admin_user_create" && e["detail"]!.GetValue<string>() == "by cli");
    }

    [Fact]
    public async Task SetDisable_RefusesTheAccount_AndEndsItsSessionsOnTheRunningGateway()
    {
        var username = UniqueName.For("leaver");
        var added = await RunAsync("add", username);
        using var client = new PasskeyClient(Gateway);
        var url = added.Output.TrimEnd().Split('\n')[^1];
        var token = await PasskeyClient.ReadTokenAsync(await client.EnrollAsync(AdminApi.TokenOf(url)), HttpStatusCode.Created);

        var (exitCode, output, error) = await RunAsync("set", username, "--disable");

        Assert.True(exitCode == 0, error);
        Assert.Contains("sessions have ended", output, StringComparison.Ordinal);
        using (var refused = await client.SignInAsync(username))
        {
            Assert.Equal("account-disabled", (await ProblemResponse.ReadAsync(refused)).Code);
        }

        // The command wrote the revocation to the store; a gateway without Redis reads it there within seconds.
        await Eventually.UntilAsync(
            async () =>
            {
                using var after = await client.GetWithTokenAsync("/app/x", token);
                return after.StatusCode == HttpStatusCode.Unauthorized;
            },
            RevocationReload,
            "the running gateway refusing the disabled account's token");
    }

    [Fact]
    public async Task Link_MakesANewLink_AndVoidsTheOldOne()
    {
        var username = UniqueName.For("relink");
        var added = await RunAsync("add", username);
        var linked = await RunAsync("link", username);

        Assert.Equal(0, linked.ExitCode);
        using var client = new PasskeyClient(Gateway);
        var old = added.Output.TrimEnd().Split('\n')[^1];
        using var refused = await client.PostJsonAsync("/.auth/enrollment/options", new System.Text.Json.Nodes.JsonObject { ["token"] = AdminApi.TokenOf(old) });
        Assert.Equal("enrollment-link-invalid", (await ProblemResponse.ReadAsync(refused)).Code);
        var fresh = linked.Output.TrimEnd().Split('\n')[^1];
        await PasskeyClient.ReadTokenAsync(await client.EnrollAsync(AdminApi.TokenOf(fresh)), HttpStatusCode.Created);
    }

    public static TheoryData<string[], string> Problems => new()
    {
        { ["add", "Not A Name"], "A username of 1 to 64 characters" },
        { ["add", "ok-name", "--role", "a,b"], "is not a role name" },
        { ["link", "nobody-here"], "No account is named 'nobody-here'." },
        { ["set", "nobody-here", "--disable"], "No account is named 'nobody-here'." },
        { ["remove", "nobody-here"], "No account is named 'nobody-here'." },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task Problems_ExitNonZero_WithOneClearLine(string[] arguments, string message)
    {
        var (exitCode, _, error) = await RunAsync(arguments);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_TakenName_AndRemove_ThenTheNameIsFree()
    {
        var username = UniqueName.For("again");
        Assert.Equal(0, (await RunAsync("add", username)).ExitCode);

        var taken = await RunAsync("add", username);
        var removed = await RunAsync("remove", username);
        var reused = await RunAsync("add", username);

        Assert.Equal(1, taken.ExitCode);
        Assert.Equal("That username is taken.", taken.Error.Trim());
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(0, reused.ExitCode);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        GatewayProcess.RunAsync(["user", .. arguments, "--config", Gateway.ConfigPath]);
}
