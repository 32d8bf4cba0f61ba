using System.Net;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.ClientKeys;

/// <summary>
/// What holds for every ceremony a client key signs (device binding and verification, biometric registration and
/// sign-in), written once over a descriptor of each: a finished ceremony's request sent again is refused, and a
/// document of another ceremony's type is refused, whatever the key signed.
/// </summary>
public sealed class KeyCeremonyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    public static TheoryData<string> Ceremonies => [.. KeyCeremony.All.Keys];

    public static TheoryData<string, string> CeremoniesAndForeignTypes => new(
        from ceremony in KeyCeremony.All.Values
        from type in KeyCeremony.All.Values.Select(other => other.ClientDataType).Append("webauthn.get")
        where type != ceremony.ClientDataType
        select (ceremony.Name, type));

    [Theory]
    [MemberData(nameof(Ceremonies))]
    public async Task ReusedChallenge_IsRefused(string name)
    {
        var ceremony = KeyCeremony.All[name];
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256", "raw");
        var first = await ceremony.RunAsync(client, key, null);
        await first.ReadJsonAsync(ceremony.Success);

        using var replay = await client.PostAsync(ceremony.Path, first.Body);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("challenge-invalid", (await ProblemResponse.ReadAsync(replay)).Code);
    }

    [Theory]
    [MemberData(nameof(CeremoniesAndForeignTypes))]
    public async Task ClientDataOfAnotherCeremony_IsATypeMismatch(string name, string type)
    {
        var ceremony = KeyCeremony.All[name];
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("PS256");

        var exchange = await ceremony.RunAsync(client, key, document => document["type"] = type);

        Assert.Equal(HttpStatusCode.BadRequest, exchange.Response.StatusCode);
        Assert.Equal("client-data-type-mismatch", (await exchange.ReadProblemAsync()).Code);
    }

    /// <summary>
    /// One key ceremony as a client runs it: the setup it needs (a bound device, a registered key) and the signed
    /// request; <c>edit</c> bends the client data document before it is signed.
    /// </summary>
    private sealed record KeyCeremony(
        string Name,
        string Path,
        string ClientDataType,
        HttpStatusCode Success,
        Func<MobileClient, SimulatedDeviceKey, Action<System.Text.Json.Nodes.JsonObject>?, Task<MobileClient.Exchange>> RunAsync)
    {
        public static readonly IReadOnlyDictionary<string, KeyCeremony> All = new KeyCeremony[]
        {
            new("device binding", "/devices/binding", "device.bind", HttpStatusCode.Created,
                (client, key, edit) => client.BindAsync(key, editClientData: edit)),
            new("device verification", "/devices/verification", "device.verify", HttpStatusCode.OK,
                async (client, key, edit) => await client.VerifyAsync(await client.BindDeviceAsync(key), key, editClientData: edit)),
            new("biometric registration", "/biometrics/registration", "biometric.register", HttpStatusCode.Created,
                (client, key, edit) => client.RegisterBiometricAsync(key, editClientData: edit)),
            new("biometric sign-in", "/biometrics/authentication", "biometric.authenticate", HttpStatusCode.OK,
                async (client, key, edit) =>
                {
                    await client.RegisterBiometricKeyAsync(key);
                    return await client.SignInBiometricAsync(key, editClientData: edit);
                }),
        }.ToDictionary(ceremony => ceremony.Name);
    }
}
