using System.Net;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Accounts;

/// <summary>
/// An enrollment link lives <c>Gateway:Accounts:EnrollmentLinkLifetime</c> (a day by default) on the gateway's clock:
/// here a manual one, moved to either side of the end.
/// </summary>
public sealed class EnrollmentLinkLifetimeTests : IAsyncLifetime
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private GatewayHost? _gateway;

    private GatewayHost Gateway => _gateway!;

    public async ValueTask InitializeAsync() =>
        _gateway = await GatewayHost.StartAsync(InviteGatewayFixture.InviteOnly, timeProvider: _time);

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task Link_UsedJustBeforeItsEnd_Enrolls()
    {
        var (_, token, _) = await new AdminApi(Gateway).CreateUserAsync(UniqueName.For("prompt"));
        _time.Advance(Lifetime - TimeSpan.FromMinutes(1));

        using var client = new PasskeyClient(Gateway);
        await PasskeyClient.ReadTokenAsync(await client.EnrollAsync(token), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Link_UsedAfterItsEnd_IsRefused()
    {
        var (_, token, _) = await new AdminApi(Gateway).CreateUserAsync(UniqueName.For("late"));
        _time.Advance(Lifetime + TimeSpan.FromSeconds(1));

        using var client = new PasskeyClient(Gateway);
        using var response = await client.PostJsonAsync("/.auth/enrollment/options", new JsonObject { ["token"] = token });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("enrollment-link-invalid", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Link_ExpiringBetweenOptionsAndFinish_IsRefused_AndAddsNothing()
    {
        var admin = new AdminApi(Gateway);
        var (user, token, _) = await admin.CreateUserAsync(UniqueName.For("slow"));
        _time.Advance(Lifetime - TimeSpan.FromSeconds(30));
        using var client = new PasskeyClient(Gateway);
        var options = await client.OptionsAsync("/.auth/enrollment/options", new JsonObject { ["token"] = token });
        var credential = client.Authenticator.Create(options);

        _time.Advance(TimeSpan.FromMinutes(1));
        using var response = await client.PostJsonAsync("/.auth/enrollment", new JsonObject { ["token"] = token, ["credential"] = credential });

        Assert.Equal("enrollment-link-invalid", (await ProblemResponse.ReadAsync(response)).Code);
        using var read = await new AdminApi(Gateway).SendAsync(HttpMethod.Get, $"/users/{user["id"]}");
        Assert.Equal(0, (await AdminApi.ReadAsync(read, HttpStatusCode.OK))["credentialCount"]!.GetValue<int>());
    }
}
