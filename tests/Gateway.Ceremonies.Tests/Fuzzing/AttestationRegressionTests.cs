using PasskeyGateway.Ceremonies.Passkeys;

namespace PasskeyGateway.Ceremonies.Tests.Fuzzing;

/// <summary>
/// Attestation objects (WebAuthn L3 §6.5) that made registration answer 500 (docs/security.md): one Fido2
/// accepts but <c>PasskeyVerifier.ReadAuthenticatorData</c>, which runs after Fido2's verification and outside its
/// catch, tripped over (<see cref="InvalidOperationException"/>); one whose certificate Fido2's ASN.1 reading refused
/// with an exception the verifier did not count as the client's fault.
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
    public async Task Registration_AttestationCertificateWithAnInvalidTransportsExtension_IsRefused()
    {
        // Found by AFL++ (10-minute run): the recorded packed attestation object with two bytes changed, the one that
        // matters in the x5c certificate's FIDO transports extension (OID 1.3.6.1.4.1.45724.2.1.1): its BIT STRING
        // shrinks to one byte that announces 3 unused bits of nothing. Fido2 reads it with System.Formats.Asn1, whose
        // AsnContentException is no ArgumentException or CryptographicException.
        var attestationObject = Convert.FromBase64String(
            "o2NmbXRmcGFja2VkZ2F0dFN0bXSjY2FsZyZjc2lnWEcwRQIgMeEVXZf9hqYhJYFofQ0NhVJ+dP533EosTdeIu6oah7ECIQCP1GKA"
            + "sRyoZhFrKO/MtM6TSzRpslzYl9nK6Bjvpq+GK2N4NWOBWQHXMIIB0zCCAXqgAwIBAgIBATAKBggqhkjOPQQDAjBgMQswCQYDVQQG"
            + "EwJVUzERMA8GA1UECgwIQ2hyb21pdW0xIjAgBgNVBAsMGUF1dGhlbnRpY0F0b3IgQXR0ZXN0YXRpb24xGjAYBgNVBAMMEUJhdGNo"
            + "IENlcnRpZmljYXRlMB4XDTE3MDcxNDAyNDAwMFoXDTQ2MTExOTE4MTQxOVowYDELMAkGA1UEBhMCVVMxETAPBgNVBAoMCENocm9t"
            + "aXVtMSIwIAYDVQQLDBlBdXRoZW50aWNhdG9yIEF0dGVzdGF0aW9uMRowGAYDVQQDDBFCYXRjaCBDZXJ0aWZpY2F0ZTBZMBMGByqG"
            + "SM49AgEGCCqGSM49AwEHA0IABI1hfmXJUI5kvMVnOsgqZ5naPBRGaCwljEY//99Y39L6Pmw3i1PXlcSk3/tBme3Xhi8jq68CA7S4"
            + "kRugVpmU4QGjJTAjMAwGA1UdEwEB/wQCMAAwEwYLKwYBBAGC5RwCAQEEBAMBAwgwCgYIKoZIzj0EAwIDRwAwRAIgQWPRVm2ZP0wW"
            + "a3vnEx4FW3m1GFQpY+HFGPuhUlnPMFUCIF9yZ2fi/tfnM9on+tXMNNRrOf+342E6Du2GU00HB/6waGF1dGhEYXRhWKRJlg3liA6M"
            + "aHQ0Fw9kdmBbj+SuuaKGMseZXPO6gx2XY0UAAAABAQIDBAUGBwgBAgMEBQYHCAAglsHOQHmWz6yXgTzFTMCxhuF+pv5dMWZbz6al"
            + "X0/2bOGlAQIDJiABIVggvUzok9tgXUFpdHgJXRNhlYEZgYNLEmm9YNHRUSI1a+wiWCCmbfI88VQ2C0cz2rdHOlpdXyvBbRkpZdxM"
            + "TO4RyWXFSA==");

        var result = await _registration.VerifyAsync(attestationObject);

        Assert.Equal(CeremonyError.CredentialMalformed, result.Failure?.Error);
    }

    [Fact]
    public async Task Registration_AsRecorded_StillVerifies()
    {
        // The control: the same path with the attestation object unchanged.
        var result = await _registration.VerifyAsync(_registration.AttestationObject);

        Assert.True(result.Succeeded, result.Failure?.Message);
    }
}
