using PasskeyGateway.Ceremonies.Passkeys;

namespace PasskeyGateway.Ceremonies.Tests.Fuzzing;

/// <summary>
/// Attestation objects (WebAuthn L3 §6.5) that Fido2 accepts but the gateway's own reading of them tripped over
/// (docs/security-fuzzing.md). Before the fix, <c>PasskeyVerifier.ReadAuthenticatorData</c>, which runs after Fido2's
/// verification and outside its catch, let <see cref="InvalidOperationException"/> out: a 500 from registration.
/// </summary>
public sealed class AttestationRegressionTests
{
    private readonly RecordedRegistration _registration = new("reg-ctap2-direct-es256-nonrk.json");

    [Fact]
    public async Task Registration_AttestationObjectWithAnIntegerKey_SkipsTheEntryAsFido2Does()
    {
        // The recorded packed attestation object with an entry 1: 0 in front of "fmt": its map grows from 3 entries
        // (0xa3) to 4. Fido2 skips the entry and verifies the statement; the gateway's own read of authData skips it
        // too, where it used to throw reading the key as text.
        byte[] attestationObject = [0xa4, 0x01, 0x00, .. _registration.AttestationObject.AsSpan(1)];

        var result = await _registration.VerifyAsync(attestationObject);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal((await _registration.VerifyAsync(_registration.AttestationObject)).Value?.PublicKeyCose, result.Value.PublicKeyCose);
    }

    [Fact]
    public async Task Registration_AsRecorded_StillVerifies()
    {
        // The control: the same path with the attestation object unchanged.
        var result = await _registration.VerifyAsync(_registration.AttestationObject);

        Assert.True(result.Succeeded, result.Failure?.Message);
    }
}
