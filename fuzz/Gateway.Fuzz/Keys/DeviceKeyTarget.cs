using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PasskeyGateway.Ceremonies.ClientKeys;

namespace PasskeyGateway.Fuzz.Keys;

/// <summary>
/// <c>device-key</c>: what a device binding or biometric key registration does with the client's key fields
/// (<c>DeviceCeremonies.CompleteBindingAsync</c>, <c>BiometricCeremonies</c>): <see cref="NewPublicKey.Read"/> on
/// the algorithm name, signature format and SPKI, then <see cref="SignedClientData.Read"/> and the proof of possession
/// (<see cref="NewPublicKey.Signed"/>, the same <see cref="KeySignatures.Verify(ReadOnlySpan{byte}, Credentials.KeyAlgorithm, Credentials.SignatureFormat, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
/// that later checks every signature of the stored key). Both answer results; nothing may escape.
/// </summary>
internal sealed class DeviceKeyTarget : IFuzzTarget
{
    public const string TargetName = "device-key";

    /// <summary>A client data document as a device signs it; its content is not what is fuzzed here.</summary>
    private static readonly byte[] ClientData =
        Encoding.UTF8.GetBytes($$"""{"type":"{{ClientDataTypes.DeviceBind}}","challenge":"Vy44pI4jFs4IRUsN2vtp_g","origin":"https://app.example","deviceKeyId":"k1"}""");

    private static readonly string EncodedClientData = Base64Url.EncodeToString(ClientData);

    public string Name => TargetName;

    public void Run(ReadOnlySpan<byte> input)
    {
        if (DeviceKeyInput.Read(input) is not { } fields)
        {
            return;
        }

        var key = NewPublicKey.Read(fields.PublicKey, fields.Algorithm, fields.Format);
        if (!key.Succeeded)
        {
            return;
        }

        var signed = SignedClientData.Read(EncodedClientData, fields.Signature.Length == 0 ? null : Base64Url.EncodeToString(fields.Signature));
        if (signed.Succeeded)
        {
            key.Value.Signed(signed.Value);
        }
    }

    /// <summary>
    /// Fresh keys of each kind the rules allow, with a valid signature in each format: RSA-2048 signing RS256 and
    /// PS256, P-256 signing DER and raw. Only the public halves are written; the private keys never leave memory.
    /// </summary>
    public IEnumerable<FuzzSeed> Seeds()
    {
        using var rsa = RSA.Create(2048);
        var rsaSpki = rsa.ExportSubjectPublicKeyInfo();
        yield return new("rsa2048-rs256.bin", DeviceKeyInput.Write(0, 1, rsaSpki, rsa.SignData(ClientData, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        yield return new("rsa2048-ps256.bin", DeviceKeyInput.Write(1, 0, rsaSpki, rsa.SignData(ClientData, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)));

        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ecSpki = ec.ExportSubjectPublicKeyInfo();
        yield return new("p256-es256-der.bin", DeviceKeyInput.Write(2, 1, ecSpki, ec.SignData(ClientData, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));
        yield return new("p256-es256-raw.bin", DeviceKeyInput.Write(2, 2, ecSpki, ec.SignData(ClientData, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));
        yield return new("p256-as-text.bin", DeviceKeyInput.Write(2, 1 | DeviceKeyInput.TextFlag, Encoding.ASCII.GetBytes(Base64Url.EncodeToString(ecSpki)), []));
    }
}
