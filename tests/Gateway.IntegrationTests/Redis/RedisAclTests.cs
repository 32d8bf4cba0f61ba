using System.Net;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Redis;

/// <summary>
/// The gateway on a Redis that admits only an ACL user with a password, named in a <c>redis://user:pass@host:port/db</c>
/// URL as managed Redis services hand them out (issue 4). The user has the least rights docs/replicas.md gives it; the
/// default user is off, so a wrong password cannot slip through as the default user (StackExchange.Redis carries on
/// unauthenticated when AUTH is refused).
/// </summary>
public sealed class RedisAclTests : IAsyncLifetime
{
    private const string User = "passkey-gateway";

    // Characters a URL must percent-encode, so the whole way from the URL to AUTH is exercised.
    private const string Password = "acl-p@ss:w/rd%?#-8086";

    private const string WrongPassword = "not-the-Password-1337";

    private RedisServer _redis = null!;

    /// <summary>The user's rules exactly as docs/replicas.md gives them (its <c>ACL SETUSER</c> line), the password replaced.</summary>
    public static IReadOnlyList<string> DocumentedRules()
    {
        const string Prefix = "ACL SETUSER passkey-gateway ";
        var line = File.ReadLines(RepositoryRoot.Combine("docs", "replicas.md")).Single(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return [.. line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(rule => rule == ">PASSWORD" ? ">" + Password : rule)];
    }

    public async ValueTask InitializeAsync() => _redis = await RedisServer.StartAsync(
        ["--user", User, .. DocumentedRules(), "--user", "default", "off"]);

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task AclUserInARedisUrl_CeremoniesAndRevocationsWorkEndToEnd()
    {
        await using var gateway = await StartGatewayAsync(Password, database: 2);
        using var client = new PasskeyClient(gateway);
        var username = UniqueName.For("acl");

        var token = await PasskeyClient.ReadTokenAsync(await client.RegisterAsync(username), HttpStatusCode.Created);
        var second = await PasskeyClient.ReadTokenAsync(await client.SignInAsync(username), HttpStatusCode.OK);
        using (var logout = await client.PostJsonAsync("/.auth/logout", new JsonObject()))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using (var proxied = await client.GetWithTokenAsync("/app/acl", token))
        {
            Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        }

        using (var revoked = await client.GetWithTokenAsync("/app/acl", second))
        {
            Assert.Equal("session-revoked", (await ProblemResponse.ReadAsync(revoked)).Code);
        }

        Assert.Equal("Healthy", (await ReadinessAsync(gateway, HttpStatusCode.OK))["checks"]!["redis"]!["status"]!.GetValue<string>());

        // A command the ACL refused would show here: the revocation layer warns when it cannot subscribe or announce, naming
        // the error, and Redis refuses with a server error (NOPERM). A timeout on a loaded machine is not a refusal: the
        // layer then reads revocations from the repository until it can subscribe, as the outage tests show.
        var refusals = gateway.Logs.Lines.Where(line =>
            (line.StartsWith("Warning PasskeyGateway.Ceremonies", StringComparison.Ordinal)
                && (line.Contains("RedisServerException", StringComparison.Ordinal) || line.Contains("NOPERM", StringComparison.Ordinal) || line.Contains("refused the command", StringComparison.Ordinal)))
            || line.StartsWith("Error", StringComparison.Ordinal)).ToList();
        Assert.True(refusals.Count == 0, $"Redis refused a command of the ACL user:{Environment.NewLine}{string.Join(Environment.NewLine, gateway.Logs.Lines)}");
        Assert.DoesNotContain(gateway.Logs.Lines, line => line.Contains(Password, StringComparison.Ordinal) || line.Contains(Uri.EscapeDataString(Password), StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongPassword_ReadinessIsUnreadyWithAClearReason_CeremoniesAnswer503_AndNoLogLineHoldsThePassword()
    {
        await using var gateway = await StartGatewayAsync(WrongPassword, database: 0);
        using var client = new PasskeyClient(gateway);

        var readiness = await ReadinessAsync(gateway, HttpStatusCode.ServiceUnavailable);
        using var options = await client.PostJsonAsync("/.auth/passkeys/authentication/options", new JsonObject());

        var redis = readiness["checks"]!["redis"]!;
        Assert.Equal("Unhealthy", redis["status"]!.GetValue<string>());
        Assert.Equal(
            $"Redis at 127.0.0.1:{_redis.Port} refused the credentials of user '{User}': check the user and password in Gateway:Redis:Configuration.",
            redis["description"]!.GetValue<string>());
        Assert.Equal("challenge-store-unavailable", (await ProblemResponse.ReadAsync(options)).Code);
        Assert.Contains(gateway.Logs.Lines, line => line.Contains($"refused the credentials of user '{User}'", StringComparison.Ordinal));
        Assert.DoesNotContain(WrongPassword, readiness.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(gateway.Logs.Lines, line => line.Contains(WrongPassword, StringComparison.Ordinal));
    }

    private Task<GatewayHost> StartGatewayAsync(string password, int database) =>
        GatewayHost.StartAsync(config => config["Gateway"]!["Redis"] = new JsonObject
        {
            ["Configuration"] = $"redis://{User}:{Uri.EscapeDataString(password)}@127.0.0.1:{_redis.Port}/{database}",
        });

    private static async Task<JsonNode> ReadinessAsync(GatewayHost gateway, HttpStatusCode expected)
    {
        using var response = await gateway.Client.GetAsync("/readyz");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, text);
        return JsonNode.Parse(text)!;
    }
}
