using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Devices;

/// <summary>
/// Device and biometric challenges live <c>Gateway:Devices:ChallengeLifetime</c> (2 minutes by default), on the
/// gateway's clock: here a manual one, moved past the lifetime between the options and the answer.
/// </summary>
public sealed class KeyChallengeLifetimeTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private GatewayHost? _gateway;

    private GatewayHost Gateway => _gateway!;

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(timeProvider: _time);

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task Binding_AnsweredAfterTheLifetime_IsChallengeExpiredAndStoresNothing()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");

        var exchange = await client.BindAsync(key, editClientData: _ => _time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1)));

        Assert.Equal("challenge-expired", (await exchange.ReadProblemAsync()).Code);
        Assert.Empty(await Gateway.Services.GetRequiredService<ICredentialRepository>().ListDevicesAsync(client.User.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Verification_AnsweredJustInsideTheLifetime_Succeeds_AndJustAfter_Expires()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("RS256");
        var deviceId = await client.BindDeviceAsync(key);

        var inTime = await client.VerifyAsync(deviceId, key, editClientData: _ => _time.Advance(TimeSpan.FromSeconds(119)));
        var late = await client.VerifyAsync(deviceId, key, editClientData: _ => _time.Advance(TimeSpan.FromSeconds(121)));

        await inTime.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, late.Response.StatusCode);
        Assert.Equal("challenge-expired", (await late.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task BiometricSignIn_AnsweredAfterTheLifetime_IsChallengeExpired()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        await client.RegisterBiometricKeyAsync(key);

        var exchange = await client.SignInBiometricAsync(key, optionsBody: new JsonObject { ["username"] = client.User.Username }, editClientData: _ => _time.Advance(TimeSpan.FromMinutes(3)));

        Assert.Equal("challenge-expired", (await exchange.ReadProblemAsync()).Code);
        Assert.Null((await Gateway.Services.GetRequiredService<ICredentialRepository>().FindBiometricKeyAsync(key.Id, CancellationToken.None))!.LastUsedAt);
    }
}
