using PasskeyGateway.Ceremonies.ClientKeys;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Tests.Fuzzing;

/// <summary>
/// Inputs the <c>device-key</c> fuzz target found (docs/security.md). Before the fix, an EC key naming a curve
/// OpenSSL does not know made <c>ImportSubjectPublicKeyInfo</c> throw <see cref="PlatformNotSupportedException"/>,
/// which <see cref="KeySignatures.ReadPublicKey"/> let out: a 500 from device binding and biometric registration.
/// </summary>
public sealed class DeviceKeyRegressionTests
{
    [Theory]
    // Found by AFL++ (smoke run): a P-256 SPKI whose curve OID reads 1.2.840.10074.3.1.7.
    [InlineData("MFkwEwYHKoZIzj0CAQYIKoZIzloDAQcDQgAEIySgGEIDA9NMHwTgw5W6QfP66hFQyaD48cf9nA8+itptdCwNcmi4cPjqgmyKKO4kF8+IIf39bHyA8wRftr/xtQ==")]
    // Found by AFL++ (smoke run): the same with the OID 1.2.840.10045.3.9863.
    [InlineData("MFkwEwYHKoZIzj0CAQYIKoZIzj0DzQcDQgAEIySgGEIDA9NMHwTgw5W6QfP66hFQyaD48cf9nA8+iNptdCwNcmi4cPjqgnmKKO4kF8+IIf39bHyA8wRftq7xtQ==")]
    public void ReadPublicKey_EcKeyOnACurveThePlatformLacks_IsNotAllowed(string spki)
    {
        var result = KeySignatures.ReadPublicKey(Convert.FromBase64String(spki), KeyAlgorithm.ES256);

        Assert.Equal(CeremonyError.KeyNotAllowed, result.Failure?.Error);
    }
}
