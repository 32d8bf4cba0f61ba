using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace PasskeyGateway.Testing;

/// <summary>
/// A WebAuthn authenticator and client in software, for tests: real keys (ES256, RS256, EdDSA), real CBOR, real
/// signatures, and knobs to produce every kind of bad response (wrong origin, wrong RP ID hash, no UV, counter
/// regression, inconsistent backup flags). Its output is the <c>PublicKeyCredential.toJSON()</c> shape a browser sends.
/// </summary>
public sealed class SoftwareAuthenticator
{
    private readonly Dictionary<string, StoredCredential> _credentials = new(StringComparer.Ordinal);

    public SoftwareAuthenticator(string origin, string rpId)
    {
        Origin = origin;
        RpId = rpId;
    }

    public string Origin { get; set; }

    public string RpId { get; set; }

    public Guid Aaguid { get; set; } = Guid.Parse("5f0b2c1a-7d1e-4b8e-9a3c-2e6f1d0c4b7a");

    /// <summary>COSE algorithm of new credentials: -7 ES256, -257 RS256, -8 EdDSA.</summary>
    public int Algorithm { get; set; } = -7;

    /// <summary>"none", "packed-self" or "packed-x5c" (needs <see cref="AttestationCertificate"/>).</summary>
    public string AttestationFormat { get; set; } = "none";

    /// <summary>The attestation certificate (with private key) and its chain for "packed-x5c".</summary>
    public X509Certificate2? AttestationCertificate { get; set; }

    public bool UserPresent { get; set; } = true;

    public bool UserVerified { get; set; } = true;

    public bool BackupEligible { get; set; }

    public bool BackupState { get; set; }

    /// <summary>Set to make the next response claim another origin, RP ID or client data type.</summary>
    public string? OriginOverride { get; set; }

    public string? RpIdOverride { get; set; }

    public string? TypeOverride { get; set; }

    public IReadOnlyCollection<StoredCredential> Credentials => _credentials.Values;

    /// <summary><c>navigator.credentials.create()</c> then <c>toJSON()</c>, for options in WebAuthn L3 JSON form.</summary>
    public JsonObject Create(JsonNode options)
    {
        var challenge = options["challenge"]!.GetValue<string>();
        var userHandle = options["user"]!["id"]!.GetValue<string>();
        var credentialId = RandomNumberGenerator.GetBytes(32);
        var key = StoredCredential.Generate(Algorithm, credentialId, Base64UrlEncoder.DecodeBytes(userHandle));
        _credentials[Base64UrlEncoder.Encode(credentialId)] = key;

        var clientData = ClientData("webauthn.create", challenge);
        var authData = AuthenticatorData(key, attested: true);
        var attestationObject = AttestationObject(authData, SHA256.HashData(clientData), key);
        return new JsonObject
        {
            ["id"] = Base64UrlEncoder.Encode(credentialId),
            ["rawId"] = Base64UrlEncoder.Encode(credentialId),
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new JsonObject { ["credProps"] = new JsonObject { ["rk"] = true } },
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64UrlEncoder.Encode(clientData),
                ["attestationObject"] = Base64UrlEncoder.Encode(attestationObject),
                ["transports"] = new JsonArray("internal"),
            },
        };
    }

    /// <summary><c>navigator.credentials.get()</c> then <c>toJSON()</c>, with the given credential (default: the first).</summary>
    public JsonObject Get(JsonNode options, StoredCredential? credential = null, uint? signCount = null)
    {
        credential ??= PickCredential(options);
        credential.SignCount = signCount ?? credential.SignCount + 1;
        var clientData = ClientData("webauthn.get", options["challenge"]!.GetValue<string>());
        var authData = AuthenticatorData(credential, attested: false);
        var signature = credential.Sign([.. authData, .. SHA256.HashData(clientData)]);
        return new JsonObject
        {
            ["id"] = Base64UrlEncoder.Encode(credential.Id),
            ["rawId"] = Base64UrlEncoder.Encode(credential.Id),
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new JsonObject(),
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64UrlEncoder.Encode(clientData),
                ["authenticatorData"] = Base64UrlEncoder.Encode(authData),
                ["signature"] = Base64UrlEncoder.Encode(signature),
                ["userHandle"] = Base64UrlEncoder.Encode(credential.UserHandle),
            },
        };
    }

    private StoredCredential PickCredential(JsonNode options)
    {
        var allowed = options["allowCredentials"]?.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList() ?? [];
        return allowed.Count == 0
            ? _credentials.Values.First()
            : allowed.Select(id => _credentials.GetValueOrDefault(id)).FirstOrDefault(c => c is not null)
              ?? throw new InvalidOperationException("None of the allowed credentials lives on this authenticator.");
    }

    private byte[] ClientData(string type, string challenge) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["type"] = TypeOverride ?? type,
        ["challenge"] = challenge,
        ["origin"] = OriginOverride ?? Origin,
        ["crossOrigin"] = false,
    }.ToJsonString());

    private byte[] AuthenticatorData(StoredCredential credential, bool attested)
    {
        var flags = (byte)((UserPresent ? 0x01 : 0) | (UserVerified ? 0x04 : 0) | (BackupEligible ? 0x08 : 0) | (BackupState ? 0x10 : 0) | (attested ? 0x40 : 0));
        var data = new List<byte>(SHA256.HashData(Encoding.UTF8.GetBytes(RpIdOverride ?? RpId))) { flags };
        Span<byte> counter = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, credential.SignCount);
        data.AddRange(counter.ToArray());
        if (attested)
        {
            // WebAuthn L3 §6.5.2: aaguid ‖ credentialIdLength (2, big-endian) ‖ credentialId ‖ credentialPublicKey (COSE).
            data.AddRange(Aaguid.ToByteArray(bigEndian: true));
            data.Add((byte)(credential.Id.Length >> 8));
            data.Add((byte)credential.Id.Length);
            data.AddRange(credential.Id);
            data.AddRange(credential.CoseKey);
        }

        return [.. data];
    }

    private byte[] AttestationObject(byte[] authData, byte[] clientDataHash, StoredCredential credential)
    {
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(3);
        writer.WriteTextString("fmt");
        writer.WriteTextString(AttestationFormat == "none" ? "none" : "packed");
        writer.WriteTextString("attStmt");
        switch (AttestationFormat)
        {
            case "none":
                writer.WriteStartMap(0);
                writer.WriteEndMap();
                break;
            case "packed-self":
                writer.WriteStartMap(2);
                writer.WriteTextString("alg");
                writer.WriteInt32(credential.Algorithm);
                writer.WriteTextString("sig");
                writer.WriteByteString(credential.Sign([.. authData, .. clientDataHash]));
                writer.WriteEndMap();
                break;
            case "packed-x5c":
                var certificate = AttestationCertificate ?? throw new InvalidOperationException("packed-x5c needs an attestation certificate.");
                using (var key = certificate.GetECDsaPrivateKey()!)
                {
                    writer.WriteStartMap(3);
                    writer.WriteTextString("alg");
                    writer.WriteInt32(-7);
                    writer.WriteTextString("sig");
                    writer.WriteByteString(key.SignData([.. authData, .. clientDataHash], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
                    writer.WriteTextString("x5c");
                    writer.WriteStartArray(1);
                    writer.WriteByteString(certificate.RawData);
                    writer.WriteEndArray();
                    writer.WriteEndMap();
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown attestation format {AttestationFormat}.");
        }

        writer.WriteTextString("authData");
        writer.WriteByteString(authData);
        writer.WriteEndMap();
        return writer.Encode();
    }
}

/// <summary>A credential living on the <see cref="SoftwareAuthenticator"/>: its private key and counter.</summary>
public sealed class StoredCredential
{
    private readonly ECDsa? _ecdsa;
    private readonly RSA? _rsa;
    private readonly NSec.Cryptography.Key? _ed25519;

    private StoredCredential(byte[] id, byte[] userHandle, int algorithm, byte[] coseKey, ECDsa? ecdsa, RSA? rsa, NSec.Cryptography.Key? ed25519)
    {
        Id = id;
        UserHandle = userHandle;
        Algorithm = algorithm;
        CoseKey = coseKey;
        _ecdsa = ecdsa;
        _rsa = rsa;
        _ed25519 = ed25519;
    }

    public byte[] Id { get; }

    public byte[] UserHandle { get; }

    public int Algorithm { get; }

    public byte[] CoseKey { get; }

    public uint SignCount { get; set; }

    public static StoredCredential Generate(int algorithm, byte[] id, byte[] userHandle)
    {
        var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
        switch (algorithm)
        {
            case -7:
                var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var point = ecdsa.ExportParameters(false).Q;
                cose.WriteStartMap(5);
                cose.WriteInt32(1);
                cose.WriteInt32(2);
                cose.WriteInt32(3);
                cose.WriteInt32(-7);
                cose.WriteInt32(-1);
                cose.WriteInt32(1);
                cose.WriteInt32(-2);
                cose.WriteByteString(point.X!);
                cose.WriteInt32(-3);
                cose.WriteByteString(point.Y!);
                cose.WriteEndMap();
                return new StoredCredential(id, userHandle, algorithm, cose.Encode(), ecdsa, null, null);
            case -257:
                var rsa = RSA.Create(2048);
                var parameters = rsa.ExportParameters(false);
                cose.WriteStartMap(4);
                cose.WriteInt32(1);
                cose.WriteInt32(3);
                cose.WriteInt32(3);
                cose.WriteInt32(-257);
                cose.WriteInt32(-1);
                cose.WriteByteString(parameters.Modulus!);
                cose.WriteInt32(-2);
                cose.WriteByteString(parameters.Exponent!);
                cose.WriteEndMap();
                return new StoredCredential(id, userHandle, algorithm, cose.Encode(), null, rsa, null);
            case -8:
                var ed25519 = NSec.Cryptography.Key.Create(NSec.Cryptography.SignatureAlgorithm.Ed25519);
                cose.WriteStartMap(4);
                cose.WriteInt32(1);
                cose.WriteInt32(1);
                cose.WriteInt32(3);
                cose.WriteInt32(-8);
                cose.WriteInt32(-1);
                cose.WriteInt32(6);
                cose.WriteInt32(-2);
                cose.WriteByteString(ed25519.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey));
                cose.WriteEndMap();
                return new StoredCredential(id, userHandle, algorithm, cose.Encode(), null, null, ed25519);
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm));
        }
    }

    public byte[] Sign(byte[] data) => Algorithm switch
    {
        -7 => _ecdsa!.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
        -257 => _rsa!.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign(_ed25519!, data),
    };
}
