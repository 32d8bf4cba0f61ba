using System.Security.Cryptography;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.ClientKeys;

/// <summary>
/// The public keys and signatures of devices and biometric keys (DESIGN.md §4, §10), in one place for both: a key is
/// read from its SubjectPublicKeyInfo and held to the rules once, at registration; every later signature is checked
/// against the stored key with the registered algorithm and encoding, never one the request names.
/// </summary>
internal static class KeySignatures
{
    public const int MinRsaBits = 2048;
    public const int MaxRsaBits = 4096;

    /// <summary>
    /// An RSA-4096 SPKI is 550 bytes, a P-256 one 91; the room up to an RSA-16384 one lets a key beyond the rules be
    /// refused as such (key-not-allowed) rather than as garbage.
    /// </summary>
    public const int MaxPublicKeyBytes = 2100;

    /// <summary>An RSA-4096 signature is 512 bytes; a DER ECDSA P-256 one at most 72.</summary>
    public const int MaxSignatureBytes = 1024;

    private const string P256Oid = "1.2.840.10045.3.1.7";

    private static readonly byte[] F4 = [0x01, 0x00, 0x01];

    /// <summary>
    /// Reads a client's public key for <paramref name="algorithm"/> and applies DESIGN.md §10: RSA of 2048–4096 bits
    /// with exponent 65537; EC on P-256 only. Answers the key re-encoded (DER SPKI) as it is stored.
    /// </summary>
    public static CeremonyResult<byte[]> ReadPublicKey(ReadOnlySpan<byte> spki, KeyAlgorithm algorithm)
    {
        if (spki.Length is 0 or > MaxPublicKeyBytes)
        {
            return new CeremonyFailure(CeremonyError.KeyInvalid, "publicKey is not a SubjectPublicKeyInfo of a size a device key has.");
        }

        try
        {
            return algorithm == KeyAlgorithm.ES256 ? ReadEcKey(spki) : ReadRsaKey(spki);
        }
        catch (CryptographicException)
        {
            // Not DER, not the algorithm's key type (RSA for RS256/PS256, EC for ES256), or not a valid point.
            return new CeremonyFailure(CeremonyError.KeyInvalid, $"publicKey is not a well-formed SubjectPublicKeyInfo of an {(algorithm == KeyAlgorithm.ES256 ? "EC" : "RSA")} key.");
        }
        catch (PlatformNotSupportedException)
        {
            // An EC key on a curve OpenSSL does not implement (any OID the client writes): not P-256, so not allowed.
            return new CeremonyFailure(CeremonyError.KeyNotAllowed, "ES256 keys must be on the P-256 curve, named as such.");
        }
    }

    /// <summary>
    /// Whether <paramref name="signature"/> signs <paramref name="data"/> under the stored key. RS256: PKCS#1 v1.5 with
    /// SHA-256; PS256: RSA-PSS with SHA-256, MGF1-SHA256 and a salt as long as the hash, 32 bytes (what
    /// <see cref="RSASignaturePadding.Pss"/> signs and verifies); ES256: ECDSA P-256 with SHA-256, DER (RFC 3279, as
    /// Android and iOS sign) or raw r‖s (IEEE P1363, as WebCrypto signs), as registered.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> spki, KeyAlgorithm algorithm, SignatureFormat format, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length is 0 or > MaxSignatureBytes)
        {
            return false;
        }

        try
        {
            if (algorithm == KeyAlgorithm.ES256)
            {
                using var ec = ECDsa.Create();
                ec.ImportSubjectPublicKeyInfo(spki, out _);
                var encoding = format == SignatureFormat.Raw ? DSASignatureFormat.IeeeP1363FixedFieldConcatenation : DSASignatureFormat.Rfc3279DerSequence;
                return ec.VerifyData(data, signature, HashAlgorithmName.SHA256, encoding);
            }

            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(spki, out _);
            var padding = algorithm == KeyAlgorithm.PS256 ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
            return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, padding);
        }
        catch (CryptographicException)
        {
            // A signature that is not even well-formed (bad DER, wrong length) does not verify.
            return false;
        }
    }

    public static bool Verify(BoundDevice device, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        Verify(device.PublicKey.Span, device.Algorithm, device.SignatureFormat, data, signature);

    public static bool Verify(BiometricKey key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        Verify(key.PublicKey.Span, key.Algorithm, key.SignatureFormat, data, signature);

    private static CeremonyResult<byte[]> ReadRsaKey(ReadOnlySpan<byte> spki)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(spki, out var read);
        if (read != spki.Length)
        {
            return TrailingBytes();
        }

        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        if (rsa.KeySize is < MinRsaBits or > MaxRsaBits || !parameters.Exponent.AsSpan().SequenceEqual(F4))
        {
            return new CeremonyFailure(CeremonyError.KeyNotAllowed, $"RSA keys must have {MinRsaBits} to {MaxRsaBits} bits and the exponent 65537.");
        }

        return rsa.ExportSubjectPublicKeyInfo();
    }

    private static CeremonyResult<byte[]> ReadEcKey(ReadOnlySpan<byte> spki)
    {
        using var ec = ECDsa.Create();
        ec.ImportSubjectPublicKeyInfo(spki, out var read);
        if (read != spki.Length)
        {
            return TrailingBytes();
        }

        var curve = ec.ExportParameters(includePrivateParameters: false).Curve;
        if (!curve.IsNamed || curve.Oid.Value != P256Oid)
        {
            return new CeremonyFailure(CeremonyError.KeyNotAllowed, "ES256 keys must be on the P-256 curve, named as such.");
        }

        return ec.ExportSubjectPublicKeyInfo();
    }

    private static CeremonyFailure TrailingBytes() =>
        new(CeremonyError.KeyInvalid, "publicKey has bytes after its SubjectPublicKeyInfo.");
}
