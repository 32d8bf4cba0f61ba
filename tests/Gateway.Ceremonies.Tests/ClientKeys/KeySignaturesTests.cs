using System.Numerics;
using System.Security.Cryptography;
using PasskeyGateway.Ceremonies.ClientKeys;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Ceremonies.Tests.ClientKeys;

/// <summary>The key rules and signature checks of DESIGN.md §10, shared by devices and biometric keys.</summary>
public sealed class KeySignaturesTests
{
    private static readonly byte[] Data = "{\"type\":\"device.verify\"}"u8.ToArray();

    public static TheoryData<string, string> KeyKinds => [.. SimulatedDeviceKey.Kinds.Select(k => (k.Algorithm, k.Format))];

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public void Verify_EachKeyKind_AcceptsItsOwnSignatureOnly(string algorithm, string format)
    {
        using var key = SimulatedDeviceKey.Create(algorithm, format);
        using var other = SimulatedDeviceKey.Create(algorithm, format);
        var spki = Read(key.PublicKey, algorithm);
        var (keyAlgorithm, signatureFormat) = (Enum.Parse<KeyAlgorithm>(algorithm), format == "raw" ? SignatureFormat.Raw : SignatureFormat.Der);

        Assert.True(KeySignatures.Verify(spki, keyAlgorithm, signatureFormat, Data, key.Sign(Data)));
        Assert.False(KeySignatures.Verify(spki, keyAlgorithm, signatureFormat, Data, other.Sign(Data)));
        Assert.False(KeySignatures.Verify(spki, keyAlgorithm, signatureFormat, [.. Data, 0x20], key.Sign(Data)));
        Assert.False(KeySignatures.Verify(spki, keyAlgorithm, signatureFormat, Data, []));
    }

    [Fact]
    public void Verify_RsaPaddingIsTheRegisteredOne()
    {
        using var pkcs1 = SimulatedDeviceKey.Create("RS256");
        var spki = Read(pkcs1.PublicKey, "RS256");

        Assert.False(KeySignatures.Verify(spki, KeyAlgorithm.PS256, SignatureFormat.Der, Data, pkcs1.Sign(Data)));
    }

    [Fact]
    public void Verify_EcdsaEncodingIsTheRegisteredOne()
    {
        using var key = SimulatedDeviceKey.Create("ES256", "der");
        var spki = Read(key.PublicKey, "ES256");

        Assert.False(KeySignatures.Verify(spki, KeyAlgorithm.ES256, SignatureFormat.Raw, Data, key.Sign(Data, "der")));
        Assert.False(KeySignatures.Verify(spki, KeyAlgorithm.ES256, SignatureFormat.Der, Data, key.Sign(Data, "raw")));
    }

    [Fact]
    public void Verify_Ps256_TakesA32ByteSaltOnly()
    {
        // RFC 8017 §9.1.1 by hand (with the raw RSA operation), since .NET signs PSS with the hash's length only.
        using var rsa = RSA.Create(2048);
        var spki = Read(rsa.ExportSubjectPublicKeyInfo(), "PS256");

        Assert.True(KeySignatures.Verify(spki, KeyAlgorithm.PS256, SignatureFormat.Der, Data, SignPss(rsa, Data, saltLength: 32)));
        Assert.False(KeySignatures.Verify(spki, KeyAlgorithm.PS256, SignatureFormat.Der, Data, SignPss(rsa, Data, saltLength: 20)));
        Assert.False(KeySignatures.Verify(spki, KeyAlgorithm.PS256, SignatureFormat.Der, Data, SignPss(rsa, Data, saltLength: 0)));
    }

    [Fact]
    public void ReadPublicKey_ReEncodesTheKey()
    {
        using var key = SimulatedDeviceKey.Create("ES256");

        var result = KeySignatures.ReadPublicKey(key.PublicKey, KeyAlgorithm.ES256);

        Assert.True(result.Succeeded);
        Assert.Equal(key.PublicKey, result.Value);
    }

    public static TheoryData<string, CeremonyError> RefusedKeys => new()
    {
        { "rsa-1024", CeremonyError.KeyNotAllowed },
        { "rsa-2047", CeremonyError.KeyNotAllowed },
        { "rsa-4097", CeremonyError.KeyNotAllowed },
        { "rsa-exponent-3", CeremonyError.KeyNotAllowed },
        { "rsa-exponent-65539", CeremonyError.KeyNotAllowed },
        { "p-384", CeremonyError.KeyNotAllowed },
        { "ec-as-rs256", CeremonyError.KeyInvalid },
        { "rsa-as-es256", CeremonyError.KeyInvalid },
        { "trailing-byte", CeremonyError.KeyInvalid },
        { "empty", CeremonyError.KeyInvalid },
        { "garbage", CeremonyError.KeyInvalid },
    };

    [Theory]
    [MemberData(nameof(RefusedKeys))]
    public void ReadPublicKey_OutsideTheRules_IsRefused(string kind, CeremonyError expected)
    {
        using var rsa = SimulatedDeviceKey.Create("RS256");
        using var ec = SimulatedDeviceKey.Create("ES256");
        var (spki, algorithm) = kind switch
        {
            "rsa-1024" => (RsaOfBits(1024), KeyAlgorithm.RS256),
            "rsa-2047" => (RsaOfBits(2047), KeyAlgorithm.RS256),
            "rsa-4097" => (RsaOfBits(4097), KeyAlgorithm.PS256),
            "rsa-exponent-3" => (SimulatedDeviceKey.RsaPublicKey(rsa.RsaModulus, [3]), KeyAlgorithm.RS256),
            "rsa-exponent-65539" => (SimulatedDeviceKey.RsaPublicKey(rsa.RsaModulus, [1, 0, 3]), KeyAlgorithm.RS256),
            "p-384" => (ECDsa.Create(ECCurve.NamedCurves.nistP384).ExportSubjectPublicKeyInfo(), KeyAlgorithm.ES256),
            "ec-as-rs256" => (ec.PublicKey, KeyAlgorithm.RS256),
            "rsa-as-es256" => (rsa.PublicKey, KeyAlgorithm.ES256),
            "trailing-byte" => ([.. ec.PublicKey, 0], KeyAlgorithm.ES256),
            "empty" => ([], KeyAlgorithm.ES256),
            _ => (RandomNumberGenerator.GetBytes(91), KeyAlgorithm.ES256),
        };

        var result = KeySignatures.ReadPublicKey(spki, algorithm);

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Failure.Error);
    }

    private static byte[] Read(byte[] spki, string algorithm)
    {
        var result = KeySignatures.ReadPublicKey(spki, Enum.Parse<KeyAlgorithm>(algorithm));
        Assert.True(result.Succeeded, result.Failure?.Message);
        return result.Value;
    }

    /// <summary>An RSA public key whose modulus has exactly <paramref name="bits"/> bits (no need for it to be a real key's).</summary>
    private static byte[] RsaOfBits(int bits)
    {
        var modulus = RandomNumberGenerator.GetBytes((bits + 7) / 8);
        var topBits = bits % 8 == 0 ? 8 : bits % 8;
        modulus[0] = (byte)((modulus[0] | (1 << (topBits - 1))) & ((1 << topBits) - 1));
        modulus[^1] |= 1;
        return SimulatedDeviceKey.RsaPublicKey(modulus, [1, 0, 1]);
    }

    /// <summary>RSASSA-PSS with SHA-256 and MGF1-SHA256, with any salt length (RFC 8017 §8.1.1, §9.1.1).</summary>
    private static byte[] SignPss(RSA rsa, byte[] message, int saltLength)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: true);
        var modulusBytes = parameters.Modulus!.Length;
        var emBits = rsa.KeySize - 1;
        var emLength = (emBits + 7) / 8;
        var salt = RandomNumberGenerator.GetBytes(saltLength);
        var h = SHA256.HashData([.. new byte[8], .. SHA256.HashData(message), .. salt]);
        var db = new byte[emLength - h.Length - 1];
        db[^(saltLength + 1)] = 0x01;
        salt.CopyTo(db, db.Length - saltLength);
        var mask = Mgf1(h, db.Length);
        for (var i = 0; i < db.Length; i++)
        {
            db[i] ^= mask[i];
        }

        db[0] &= (byte)(0xff >> ((8 * emLength) - emBits));
        byte[] em = [.. db, .. h, 0xbc];
        var n = new BigInteger(parameters.Modulus, isUnsigned: true, isBigEndian: true);
        var d = new BigInteger(parameters.D, isUnsigned: true, isBigEndian: true);
        var s = BigInteger.ModPow(new BigInteger(em, isUnsigned: true, isBigEndian: true), d, n).ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[modulusBytes - s.Length], .. s];
    }

    private static byte[] Mgf1(byte[] seed, int length)
    {
        var output = new List<byte>(length + 32);
        for (var counter = 0; output.Count < length; counter++)
        {
            output.AddRange(SHA256.HashData([.. seed, (byte)(counter >> 24), (byte)(counter >> 16), (byte)(counter >> 8), (byte)counter]));
        }

        return [.. output.Take(length)];
    }
}
