using System.Text;

namespace PasskeyGateway.Fuzz.Passkeys;

/// <summary>
/// <c>attestation-json</c>: the whole registration body (<c>PublicKeyCredential.toJSON()</c>), through the same
/// <see cref="RegistrationReplay"/>. Most mutations break the JSON or the base64url around the CBOR, so this target
/// mostly exercises the body's parse; <see cref="AttestationObjectTarget"/> goes deeper.
/// </summary>
internal sealed class AttestationJsonTarget : IFuzzTarget
{
    public const string TargetName = "attestation-json";

    private readonly RegistrationReplay _replay = new(WebAuthnSamples.Load("reg-ctap2-direct-es256-nonrk.json"));

    public string Name => TargetName;

    public void Run(ReadOnlySpan<byte> input) => _replay.Complete(input);

    public IEnumerable<FuzzSeed> Seeds() =>
        WebAuthnSamples.All("reg-").Select(s => new FuzzSeed(WebAuthnSamples.SeedName(s.Name, "json"), Encoding.UTF8.GetBytes(s.Sample["credential"]!.ToJsonString())));
}
