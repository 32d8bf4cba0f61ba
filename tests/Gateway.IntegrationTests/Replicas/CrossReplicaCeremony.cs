using System.Net;
using System.Text.Json.Nodes;

namespace PasskeyGateway.IntegrationTests.Replicas;

/// <summary>
/// A ceremony as the multi-replica tests run it (issue 8 item 4): what the user needs first, the options request, and
/// the answer the client builds from the options: every ceremony of the gateway is a row of <see cref="All"/>, and the
/// tests take every row.
/// </summary>
public sealed record CrossReplicaCeremony(
    string Name,
    Func<ReplicaUser, Task> Arrange,
    string OptionsPath,
    Func<ReplicaUser, JsonObject> OptionsBody,
    string AnswerPath,
    Func<ReplicaUser, JsonNode, JsonObject> Answer,
    HttpStatusCode Succeeded)
{
    private const string Passkeys = "/.auth/passkeys";

    public static IReadOnlyList<CrossReplicaCeremony> All { get; } =
    [
        new("passkey-registration", _ => Task.CompletedTask,
            $"{Passkeys}/registration/options", user => new JsonObject { ["username"] = user.Username, ["displayName"] = user.Username },
            $"{Passkeys}/registration", (user, options) => user.Authenticator.Create(options), HttpStatusCode.Created),
        new("passkey-registration-signed-in", user => user.RegisterAsync(),
            $"{Passkeys}/registration/options", _ => new JsonObject(),
            $"{Passkeys}/registration", (user, options) => user.Authenticator.Create(options), HttpStatusCode.OK),
        new("passkey-authentication", user => user.RegisterAsync(),
            $"{Passkeys}/authentication/options", user => new JsonObject { ["username"] = user.Username },
            $"{Passkeys}/authentication", (user, options) => user.Authenticator.Get(options), HttpStatusCode.OK),
        new("passkey-authentication-usernameless", user => user.RegisterAsync(),
            $"{Passkeys}/authentication/options", _ => new JsonObject(),
            $"{Passkeys}/authentication", (user, options) => user.Authenticator.Get(options), HttpStatusCode.OK),
        new("device-binding", user => user.RegisterAsync(),
            "/.auth/devices/binding/options", _ => new JsonObject(),
            "/.auth/devices/binding", (user, options) => user.DeviceBinding(options), HttpStatusCode.Created),
        new("device-verification", async user => { await user.RegisterAsync(); await user.BindDeviceAsync(); },
            "/.auth/devices/verification/options", user => new JsonObject { ["deviceId"] = user.DeviceId },
            "/.auth/devices/verification", (user, options) => user.DeviceVerification(options), HttpStatusCode.OK),
        new("biometric-registration", user => user.RegisterAsync(),
            "/.auth/biometrics/registration/options", _ => new JsonObject(),
            "/.auth/biometrics/registration", (user, options) => user.BiometricRegistration(options), HttpStatusCode.Created),
        new("biometric-authentication", async user => { await user.RegisterAsync(); await user.RegisterBiometricKeyAsync(); },
            "/.auth/biometrics/authentication/options", user => new JsonObject { ["keyId"] = user.BiometricKey.Id },
            "/.auth/biometrics/authentication", (user, options) => user.BiometricAuthentication(options), HttpStatusCode.OK),
    ];

    public static CrossReplicaCeremony Named(string name) => All.Single(ceremony => ceremony.Name == name);

    public override string ToString() => Name;
}
