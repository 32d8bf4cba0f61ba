using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Fido2NetLib;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PasskeyGateway.Ceremonies.Passkeys.Metadata;

/// <summary>
/// A FIDO Metadata Service (MDS3) BLOB, verified offline: a JWS whose <c>x5c</c> chain must lead to the configured
/// root, checked without revocation lookups (no ceremony ever makes a network call), signed by the chain's leaf
/// (FIDO MDS 3.0 §3.2 "Metadata BLOB object processing rules", steps 4–5).
/// </summary>
internal static class MetadataBlob
{
    public static MetadataBLOBPayload Verify(string blob, X509Certificate2 root, DateTimeOffset now)
    {
        JsonWebToken jws;
        try
        {
            jws = new JsonWebToken(blob.Trim());
        }
        catch (ArgumentException e)
        {
            throw new MetadataException("The metadata BLOB is not a JWS.", e);
        }

        if (!jws.TryGetHeaderValue<List<object>>("x5c", out var x5c) || x5c.Count == 0)
        {
            throw new MetadataException("The metadata BLOB has no x5c certificate chain.");
        }

        var certificates = new List<X509Certificate2>();
        try
        {
            foreach (var entry in x5c)
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(entry.ToString()!)));
            }

            VerifyChain(certificates, root, now);
            VerifySignature(jws, certificates[0]);
            return JsonSerializer.Deserialize<MetadataBLOBPayload>(Base64UrlEncoder.Decode(jws.EncodedPayload))
                ?? throw new MetadataException("The metadata BLOB's payload is empty.");
        }
        catch (Exception e) when (e is FormatException or JsonException or System.Security.Cryptography.CryptographicException)
        {
            throw new MetadataException("The metadata BLOB could not be read: " + e.Message, e);
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    private static void VerifyChain(List<X509Certificate2> certificates, X509Certificate2 root, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        foreach (var intermediate in certificates.Skip(1))
        {
            chain.ChainPolicy.ExtraStore.Add(intermediate);
        }

        if (!chain.Build(certificates[0]))
        {
            var reasons = string.Join(", ", chain.ChainStatus.Select(s => s.Status));
            throw new MetadataException($"The metadata BLOB's certificate chain does not lead to the configured root ({reasons}).");
        }
    }

    private static void VerifySignature(JsonWebToken jws, X509Certificate2 leaf)
    {
        // The leaf's public key as a plain key: IdentityModel's X509SecurityKey does not verify ECDSA signatures.
        SecurityKey key = leaf.GetECDsaPublicKey() is { } ec ? new ECDsaSecurityKey(ec)
            : leaf.GetRSAPublicKey() is { } rsa ? new RsaSecurityKey(rsa)
            : throw new MetadataException("The metadata BLOB's signing certificate holds neither an EC nor an RSA key.");
        var result = new JsonWebTokenHandler().ValidateTokenAsync(jws, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = true,
            ValidAlgorithms = ["ES256", "RS256", "PS256", "ES384", "RS384", "ES512", "RS512"],
        }).GetAwaiter().GetResult();
        if (!result.IsValid)
        {
            throw new MetadataException("The metadata BLOB's signature does not verify with its leaf certificate.", result.Exception);
        }
    }
}
