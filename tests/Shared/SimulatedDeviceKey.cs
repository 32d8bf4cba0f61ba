using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PasskeyGateway.Testing;

/// <summary>
/// A device or biometric key as mobile platforms and browsers make them, in software: Android Keystore and the iOS
/// Secure Enclave sign RS256 (PKCS#1 v1.5), PS256 (PSS, MGF1-SHA256, 32-byte salt) and ES256 with DER signatures;
/// WebCrypto signs ES256 as raw r‖s. The public key is exported as SubjectPublicKeyInfo, as all of them do.
/// </summary>
public sealed class SimulatedDeviceKey : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private SimulatedDeviceKey(string algorithm, string signatureFormat, AsymmetricAlgorithm key)
    {
        Algorithm = algorithm;
        SignatureFormat = signatureFormat;
        _key = key;
        PublicKey = key.ExportSubjectPublicKeyInfo();
    }

    /// <summary>The kinds a test matrix runs over: name, algorithm, signature format.</summary>
    public static IReadOnlyList<(string Kind, string Algorithm, string Format)> Kinds { get; } =
    [
        ("android-rs256", "RS256", "der"),
        ("android-ps256", "PS256", "der"),
        ("ios-es256-der", "ES256", "der"),
        ("webcrypto-es256-raw", "ES256", "raw"),
    ];

    /// <summary>The kind names, for a theory over every kind.</summary>
    public static TheoryData<string> KindNames => [.. Kinds.Select(k => k.Kind)];

    /// <summary><c>RS256</c>, <c>PS256</c> or <c>ES256</c>.</summary>
    public string Algorithm { get; }

    /// <summary><c>der</c> or <c>raw</c> (ES256 only).</summary>
    public string SignatureFormat { get; }

    /// <summary>SubjectPublicKeyInfo, DER.</summary>
    public byte[] PublicKey { get; }

    public string PublicKeyBase64Url => Base64UrlEncoder.Encode(PublicKey);

    /// <summary>The client's alias or key id for it: a UUID, as advised.</summary>
    public string Id { get; } = Guid.NewGuid().ToString();

    public static SimulatedDeviceKey Create(string algorithm, string signatureFormat = "der", int rsaBits = 2048) => algorithm switch
    {
        "RS256" or "PS256" => new SimulatedDeviceKey(algorithm, signatureFormat, RSA.Create(rsaBits)),
        "ES256" => new SimulatedDeviceKey(algorithm, signatureFormat, ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "RS256, PS256 or ES256."),
    };

    /// <summary>A key of one of the <see cref="Kinds"/>, by name.</summary>
    public static SimulatedDeviceKey CreateKind(string kind)
    {
        var (_, algorithm, format) = Kinds.Single(k => k.Kind == kind);
        return Create(algorithm, format);
    }

    /// <summary>An ECDSA key on another curve, declared as ES256 (the gateway must refuse it).</summary>
    public static SimulatedDeviceKey CreateEc(ECCurve curve, string signatureFormat = "der") =>
        new("ES256", signatureFormat, ECDsa.Create(curve));

    public byte[] Sign(byte[] data) => Sign(data, SignatureFormat);

    /// <summary>Signs in another encoding than the one the key was registered with (ECDSA only).</summary>
    public byte[] Sign(byte[] data, string signatureFormat) => _key switch
    {
        RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, Algorithm == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1),
        ECDsa ec => ec.SignData(
            data,
            ec.KeySize switch { 384 => HashAlgorithmName.SHA384, 521 => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 },
            signatureFormat == "raw" ? DSASignatureFormat.IeeeP1363FixedFieldConcatenation : DSASignatureFormat.Rfc3279DerSequence),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The RSA modulus, big-endian.</summary>
    public byte[] RsaModulus => ((RSA)_key).ExportParameters(includePrivateParameters: false).Modulus!;

    /// <summary>
    /// The SPKI of any RSA public key: platforms always use the exponent 65537 and real moduli; a crafted client need
    /// not (nothing checks that a modulus is a product of two primes).
    /// </summary>
    public static byte[] RsaPublicKey(byte[] modulus, byte[] exponent)
    {
        using var rsa = RSA.Create(new RSAParameters { Modulus = modulus, Exponent = exponent });
        return rsa.ExportSubjectPublicKeyInfo();
    }

    public void Dispose() => _key.Dispose();
}
