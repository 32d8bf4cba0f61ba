using Fido2NetLib.Objects;

namespace PasskeyGateway.Fuzz.Passkeys;

/// <summary>
/// <c>cose-key</c>: the stored COSE public key (RFC 9053 §7) a recorded ES256 assertion is verified against, through
/// <see cref="AssertionReplay"/>: Fido2's <see cref="CredentialPublicKey"/> parse and its signature check for every key
/// type, curve and algorithm the input names.
/// </summary>
/// <remarks>
/// A stored key is one a registration accepted, and registration parses it with the same reader first. Where that
/// reader fails (a plain <see cref="Exception"/> for CBOR it does not model: tags, simple values, half floats), Fido2
/// turns the failure into a refused registration (tests/Gateway.Ceremonies.Tests/Fuzzing/CoseKeyRegressionTests), so
/// such bytes are never stored. Only keys that parse go on to the verifier here; the smoke run that had no such filter
/// reported exactly those unstorable keys.
/// </remarks>
internal sealed class CoseKeyTarget : IFuzzTarget
{
    public const string TargetName = "cose-key";

    private readonly AssertionReplay _replay = new(WebAuthnSamples.Load("auth-ctap2-usernameless-2.json"));

    public string Name => TargetName;

    public void Run(ReadOnlySpan<byte> input)
    {
        var key = input.ToArray();
        if (IsStorable(key))
        {
            _replay.Verify(key);
        }
    }

    /// <summary>The stored keys of the assertions and the keys of the registrations: EC2 P-256, OKP Ed25519, RSA.</summary>
    public IEnumerable<FuzzSeed> Seeds() =>
        WebAuthnSamples.All("auth-").Select(s => (s.Name, Key: s.Sample["storedPublicKeyCose"]!))
            .Concat(WebAuthnSamples.All("reg-").Select(s => (s.Name, Key: s.Sample["verification"]!["publicKeyCose"]!)))
            .Select(k => (k.Name, Data: WebAuthnSamples.Bytes(k.Key)))
            .DistinctBy(k => Convert.ToHexString(k.Data))
            .Select(k => new FuzzSeed(WebAuthnSamples.SeedName(k.Name, "cose"), k.Data));

    private static bool IsStorable(byte[] key)
    {
        try
        {
            _ = new CredentialPublicKey(key);
            return true;
        }
        catch (Exception)
        {
            // Whatever the parse throws, registration would have refused the key: not an input of this target.
            return false;
        }
    }
}
