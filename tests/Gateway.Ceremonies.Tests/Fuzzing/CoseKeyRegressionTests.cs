namespace PasskeyGateway.Ceremonies.Tests.Fuzzing;

/// <summary>
/// The <c>cose-key</c> fuzz target's smoke run found that Fido2's CBOR reader throws a plain <see cref="Exception"/>
/// ("Unhandled state. Was Tag") for CBOR it does not model (tags, simple values, half floats, indefinite-length byte
/// strings) when it parses a stored COSE key for an assertion. A stored key is one that registration parsed with the
/// same reader, and there Fido2 turns that exception into a verification failure: this test holds that, so such a
/// key can never be stored (docs/security.md).
/// </summary>
public sealed class CoseKeyRegressionTests
{
    private readonly RecordedRegistration _registration = new("reg-ctap2-none-es256-rk.json");

    [Fact]
    public async Task Registration_CredentialKeyWithACborTag_IsRefused()
    {
        // The recorded "none" attestation object, its COSE key's crv (-1: 1) changed to -1: 1(1), a tagged integer.
        // authData is not signed under "none", so this is all a client has to send.
        var attestationObject = _registration.AttestationObject;
        var key = attestationObject.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01]);
        var authDataLength = attestationObject.AsSpan().IndexOf("authData"u8) + "authData"u8.Length + 1;
        byte[] tagged = [.. attestationObject.AsSpan(0, key + 6), 0xc1, .. attestationObject.AsSpan(key + 6)];
        tagged[authDataLength]++;

        var result = await _registration.VerifyAsync(tagged);

        Assert.False(result.Succeeded);
    }
}
