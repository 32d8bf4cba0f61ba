using System.Net;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Store;

/// <summary>
/// A gateway on PostgreSQL while its database refuses connections and comes back: what needs the store answers
/// <c>503 credential-store-unavailable</c> (never a 500), signed-in traffic keeps flowing, and it all recovers without a restart.
/// </summary>
public sealed class CredentialStoreOutageTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new(cluster);
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        var (_, connectionString) = await _database.CreateSchemaAsync();
        _gateway = await GatewayHost.StartAsync(config =>
            config["Gateway"]!["Store"] = new JsonObject { ["Provider"] = "Postgres", ["ConnectionString"] = connectionString });
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task DatabaseRefusingConnections_StoreWorkIs503_SignedInTrafficFlows_AndItRecovers()
    {
        using var client = new PasskeyClient(_gateway);
        var username = UniqueName.For("outage");
        var token = await PasskeyClient.ReadTokenAsync(await client.RegisterAsync(username), HttpStatusCode.Created);

        // Every connection of the gateway's pool is cut, and no new one is let in.
        await _database.RefuseConnectionsAsync();

        using (var options = await client.PostJsonAsync("/.auth/passkeys/authentication/options", new JsonObject { ["username"] = username }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, options.StatusCode);
            Assert.Equal("credential-store-unavailable", (await ProblemResponse.ReadAsync(options)).Code);
        }

        using (var credentials = await client.GetWithTokenAsync("/.auth/account/credentials", token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, credentials.StatusCode);
            Assert.Equal("credential-store-unavailable", (await ProblemResponse.ReadAsync(credentials)).Code);
        }

        for (var i = 0; i < 4; i++)
        {
            using var more = await client.GetWithTokenAsync("/.auth/account/credentials", token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, more.StatusCode);
        }

        // Six refusals, one warning line without a stack trace (the next may come 10 s later), no error.
        var outageLines = _gateway.Logs.Lines.Where(line => line.Contains("[9003]", StringComparison.Ordinal)).ToList();
        Assert.Single(outageLines);
        Assert.StartsWith("Warning ", outageLines[0], StringComparison.Ordinal);
        Assert.Contains("503 credential-store-unavailable", outageLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outageLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(_gateway.Logs.Lines, line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal));

        using (var proxied = await client.GetWithTokenAsync("/app/during-store-outage", token))
        {
            Assert.Equal([username], (await EchoedRequest.ReadAsync(proxied)).Header("X-Forwarded-Preferred-Username"));
        }

        await _database.AllowConnectionsAsync();

        await Eventually.UntilAsync(
            async () =>
            {
                using var signIn = await client.SignInAsync(username);
                return signIn.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(30),
            "sign-in working again once the database lets connections in");
        Assert.DoesNotContain(_gateway.Logs.Lines, line => line.Contains("Password=", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task DatabaseRefusingConnections_DeviceTokenNotSeenBefore_Is503OnKnownDeviceRoutes_FlowsElsewhere_AndRecovers()
    {
        var client = await MobileClient.SignInAsync(_gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        var (_, token) = await client.BindAndVerifyDeviceAsync(key);

        // The raised token has not been presented yet: whether its device is bound cannot be asked now.
        await _database.RefuseConnectionsAsync();

        using (var knownDevice = await _gateway.SendWithTokenAsync(HttpMethod.Get, "/known-device/during-store-outage", token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, knownDevice.StatusCode);
            Assert.Equal("credential-store-unavailable", (await ProblemResponse.ReadAsync(knownDevice)).Code);
        }

        using (var proxied = await _gateway.SendWithTokenAsync(HttpMethod.Get, "/app/during-store-outage", token))
        {
            Assert.Equal([client.User.Id], (await EchoedRequest.ReadAsync(proxied)).Header("X-Forwarded-User"));
        }

        Assert.DoesNotContain(_gateway.Logs.Lines, line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal));
        await _database.AllowConnectionsAsync();

        // The unanswered look-up was not kept with the token: once the store answers, the same token gets through.
        await Eventually.UntilAsync(
            async () =>
            {
                using var knownDevice = await _gateway.SendWithTokenAsync(HttpMethod.Get, "/known-device/after-store-outage", token);
                return knownDevice.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(30),
            "the known-device route letting the device token through once the database lets connections in");
    }
}
