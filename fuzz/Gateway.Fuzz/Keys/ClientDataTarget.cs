using System.Text;
using PasskeyGateway.Ceremonies;
using PasskeyGateway.Ceremonies.ClientKeys;
using PasskeyGateway.Fuzz.Passkeys;

namespace PasskeyGateway.Fuzz.Keys;

/// <summary>
/// <c>client-data</c>: the client data reader (<see cref="ClientData"/>), for WebAuthn's clientDataJSON and the
/// device/biometric document alike. It is a "try" reader that guards raw client bytes before anything else looks at
/// them, so nothing may escape it, whatever the input.
/// </summary>
internal sealed class ClientDataTarget : IFuzzTarget
{
    public const string TargetName = "client-data";

    public string Name => TargetName;

    public void Run(ReadOnlySpan<byte> input)
    {
        ClientData.TryRead(input, out _);
    }

    /// <summary>A registration's and an assertion's clientDataJSON as Chromium wrote them, and the two key ceremonies' documents.</summary>
    public IEnumerable<FuzzSeed> Seeds() =>
    [
        Recorded("reg-ctap2-none-es256-rk.json"),
        Recorded("auth-ctap2-allowcreds-1.json"),
        Document("cross-origin.client-data.json", """{"type":"webauthn.get","challenge":"F2ORS-BMzO_JsYyYHMUbwA","origin":"https://app.example","crossOrigin":true,"topOrigin":"https://top.example"}"""),
        Document("device-bind.json", $$"""{"type":"{{ClientDataTypes.DeviceBind}}","challenge":"Vy44pI4jFs4IRUsN2vtp_g","origin":"https://app.example","deviceKeyId":"k1"}"""),
        Document("biometric-authenticate.json", $$"""{"type":"{{ClientDataTypes.BiometricAuthenticate}}","challenge":"F2ORS-BMzO_JsYyYHMUbwA","origin":"android:apk-key-hash:abc","keyId":"k","deviceId":"d"}"""),
    ];

    private static FuzzSeed Recorded(string sample) =>
        new(WebAuthnSamples.SeedName(sample, "client-data.json"), WebAuthnSamples.Bytes(WebAuthnSamples.Load(sample)["credential"]!["response"]!["clientDataJSON"]!));

    private static FuzzSeed Document(string name, string json) => new(name, Encoding.UTF8.GetBytes(json));
}
