using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace PasskeyGateway.Fuzz.Passkeys;

/// <summary>
/// <c>attestation</c>: the CBOR attestation object (WebAuthn L3 §6.5: fmt, attStmt, authData), the largest structure
/// a client hands the gateway. The input replaces <c>response.attestationObject</c> of a recorded packed (x5c)
/// registration and the whole body goes through <see cref="RegistrationReplay"/>, so every byte lands in the CBOR,
/// authenticator-data, COSE-key, certificate and signature parsers rather than in JSON syntax.
/// </summary>
internal sealed class AttestationObjectTarget : IFuzzTarget
{
    public const string TargetName = "attestation";

    private const string BaseSample = "reg-ctap2-direct-es256-nonrk.json";
    private const string Placeholder = "ATTESTATION-OBJECT";

    private readonly RegistrationReplay _replay = new(WebAuthnSamples.Load(BaseSample));
    private readonly byte[] _before;
    private readonly byte[] _after;

    public AttestationObjectTarget()
    {
        var credential = _replay.Sample["credential"]!.DeepClone();
        credential["response"]!["attestationObject"] = Placeholder;
        var json = Encoding.UTF8.GetBytes(credential.ToJsonString());
        var at = json.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Placeholder));
        _before = json[..at];
        _after = json[(at + Placeholder.Length)..];
    }

    public string Name => TargetName;

    public void Run(ReadOnlySpan<byte> input)
    {
        var body = new byte[_before.Length + Base64Url.GetEncodedLength(input.Length) + _after.Length];
        _before.CopyTo(body, 0);
        var written = Base64Url.EncodeToUtf8(input, body.AsSpan(_before.Length));
        _after.CopyTo(body, _before.Length + written);
        _replay.Complete(body);
    }

    /// <summary>Every recorded attestation object: packed with x5c (ES256, RS256, EdDSA), fido-u2f, none.</summary>
    public IEnumerable<FuzzSeed> Seeds() =>
        WebAuthnSamples.All("reg-").Select(s => new FuzzSeed(
            WebAuthnSamples.SeedName(s.Name, "cbor"), WebAuthnSamples.Bytes(s.Sample["credential"]!["response"]!["attestationObject"]!)));
}
