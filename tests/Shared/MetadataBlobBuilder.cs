using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace PasskeyGateway.Testing;

/// <summary>
/// FIDO MDS3 BLOBs signed by a root the test owns (issue 5: "tests use MDS BLOBs that the tests sign themselves"), and
/// attestation certificate chains for software authenticators.
/// </summary>
public sealed class MetadataBlobBuilder : IDisposable
{
    public MetadataBlobBuilder()
    {
        Root = CreateCertificate("CN=Test MDS Root", issuer: null, isCertificateAuthority: true);
        Signer = CreateCertificate("CN=Test MDS Signer", Root, isCertificateAuthority: false);
    }

    /// <summary>The trust anchor to configure as <c>MetadataRoot</c>.</summary>
    public X509Certificate2 Root { get; }

    public X509Certificate2 Signer { get; }

    public List<JsonObject> Entries { get; } = [];

    public static JsonObject Entry(Guid aaguid, IEnumerable<X509Certificate2> attestationRoots, string status = "FIDO_CERTIFIED", string attestationType = "basic_full") => new()
    {
        ["aaguid"] = aaguid.ToString(),
        ["metadataStatement"] = new JsonObject
        {
            ["legalHeader"] = "Test metadata",
            ["aaguid"] = aaguid.ToString(),
            ["description"] = "Test authenticator",
            ["authenticatorVersion"] = 1,
            ["protocolFamily"] = "fido2",
            ["schema"] = 3,
            ["upv"] = new JsonArray(new JsonObject { ["major"] = 1, ["minor"] = 0 }),
            ["authenticationAlgorithms"] = new JsonArray("secp256r1_ecdsa_sha256_raw"),
            ["publicKeyAlgAndEncodings"] = new JsonArray("cose"),
            ["attestationTypes"] = new JsonArray(attestationType),
            ["userVerificationDetails"] = new JsonArray(new JsonArray(new JsonObject { ["userVerificationMethod"] = "presence_internal" })),
            ["keyProtection"] = new JsonArray("hardware"),
            ["matcherProtection"] = new JsonArray("on_chip"),
            ["attachmentHint"] = new JsonArray("internal"),
            ["tcDisplay"] = new JsonArray(),
            ["attestationRootCertificates"] = new JsonArray([.. attestationRoots.Select(c => JsonValue.Create(Convert.ToBase64String(c.RawData)))]),
        },
        ["statusReports"] = new JsonArray(new JsonObject { ["status"] = status, ["effectiveDate"] = "2026-01-01" }),
        ["timeOfLastStatusChange"] = "2026-01-01",
    };

    /// <summary>The BLOB as a JWS signed by <see cref="Signer"/> (or another certificate, to test refusals).</summary>
    public string Build(int number, X509Certificate2? signer = null, string nextUpdate = "2099-01-01")
    {
        signer ??= Signer;
        var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "JWT", ["x5c"] = new JsonArray(Convert.ToBase64String(signer.RawData)) };
        var payload = new JsonObject
        {
            ["legalHeader"] = "Test metadata BLOB",
            ["no"] = number,
            ["nextUpdate"] = nextUpdate,
            ["entries"] = new JsonArray([.. Entries.Select(e => e.DeepClone())]),
        };
        var signingInput = $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        using var key = signer.GetECDsaPrivateKey()!;
        return $"{signingInput}.{Base64UrlEncoder.Encode(key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256))}";
    }

    /// <summary>
    /// A packed attestation certificate as WebAuthn L3 §8.2.1 requires (OU "Authenticator Attestation", not a CA,
    /// the AAGUID extension), issued by <paramref name="issuer"/>.
    /// </summary>
    public static X509Certificate2 AttestationCertificate(X509Certificate2 issuer, Guid aaguid)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Test Authenticator, OU=Authenticator Attestation, O=Test, C=US", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var aaguidValue = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        aaguidValue.WriteOctetString(aaguid.ToByteArray(bigEndian: true));
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.45724.1.1.4", aaguidValue.Encode(), critical: false));
        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        using var certificate = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5), RandomNumberGenerator.GetBytes(8));
        return certificate.CopyWithPrivateKey(key);
    }

    public static X509Certificate2 CreateCertificate(string subject, X509Certificate2? issuer, bool isCertificateAuthority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCertificateAuthority, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            isCertificateAuthority ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddYears(5);
        if (issuer is null)
        {
            return request.CreateSelfSigned(notBefore, notAfter);
        }

        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        using var certificate = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
        return certificate.CopyWithPrivateKey(key);
    }

    public void Dispose()
    {
        Root.Dispose();
        Signer.Dispose();
    }
}
