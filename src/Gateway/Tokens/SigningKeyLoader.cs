using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PasskeyGateway.Tokens;

/// <summary>Reads signing keys from PEM files: EC P-256 (ES256) or RSA 2048–4096 (RS256, PS256).</summary>
internal static class SigningKeyLoader
{
    public static readonly IReadOnlySet<string> SupportedAlgorithms = new HashSet<string>(StringComparer.Ordinal)
    {
        SecurityAlgorithms.EcdsaSha256,
        SecurityAlgorithms.RsaSha256,
        SecurityAlgorithms.RsaSsaPssSha256,
    };

    public static SigningKey Load(string path, string? algorithm)
    {
        if (!TryLoad(path, algorithm, out var key, out var error))
        {
            throw new InvalidOperationException(error);
        }

        return key;
    }

    /// <summary>Loads and checks a key; <paramref name="error"/> says what is wrong without quoting the file.</summary>
    public static bool TryLoad(string path, string? algorithm, out SigningKey key, out string error)
    {
        key = null!;
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read the key file '{path}': {e.Message}";
            return false;
        }

        if (algorithm is not null && !SupportedAlgorithms.Contains(algorithm))
        {
            error = $"algorithm '{algorithm}' is not supported; use ES256, RS256 or PS256.";
            return false;
        }

        if (TryImport(ECDsa.Create(), pem, out var ecdsa))
        {
            if (ecdsa.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                error = $"the EC key in '{path}' is not on P-256.";
                return false;
            }

            if (algorithm is not null and not SecurityAlgorithms.EcdsaSha256)
            {
                error = $"an EC P-256 key signs ES256, not {algorithm}.";
                return false;
            }

            key = FromEcdsa(ecdsa, path);
            error = "";
            return true;
        }

        if (TryImport(RSA.Create(), pem, out var rsa))
        {
            var parameters = rsa.ExportParameters(false);
            if (rsa.KeySize is < 2048 or > 4096 || !parameters.Exponent.AsSpan().SequenceEqual(new byte[] { 1, 0, 1 }))
            {
                error = $"the RSA key in '{path}' must be 2048–4096 bits with exponent 65537.";
                return false;
            }

            if (algorithm is SecurityAlgorithms.EcdsaSha256)
            {
                error = "an RSA key signs RS256 or PS256, not ES256.";
                return false;
            }

            key = FromRsa(rsa, algorithm ?? SecurityAlgorithms.RsaSha256, path);
            error = "";
            return true;
        }

        error = $"'{path}' holds no PEM private key (expected EC P-256 or RSA, PKCS#8 or traditional).";
        return false;
    }

    public static SigningKey FromEcdsa(ECDsa ecdsa, string source)
    {
        var publicKey = ECDsa.Create(ecdsa.ExportParameters(false));
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(publicKey));
        return Create(new ECDsaSecurityKey(ecdsa), jwk, SecurityAlgorithms.EcdsaSha256, source);
    }

    public static SigningKey FromRsa(RSA rsa, string algorithm, string source)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
        return Create(new RsaSecurityKey(rsa), jwk, algorithm, source);
    }

    private static SigningKey Create(AsymmetricSecurityKey privateKey, JsonWebKey jwk, string algorithm, string source)
    {
        // RFC 7638: the kid is the base64url SHA-256 thumbprint of the required public members.
        var kid = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
        privateKey.KeyId = kid;
        jwk.KeyId = kid;
        jwk.Alg = algorithm;
        jwk.Use = JsonWebKeyUseNames.Sig;
        return new SigningKey(privateKey, jwk, algorithm, source);
    }

    private static bool TryImport<T>(T algorithm, string pem, out T imported)
        where T : AsymmetricAlgorithm
    {
        imported = algorithm;
        try
        {
            algorithm.ImportFromPem(pem);

            // A public-key PEM imports too; a signing key must hold the private half.
            _ = algorithm switch
            {
                ECDsa ec => ec.ExportParameters(includePrivateParameters: true).D,
                RSA rsa => rsa.ExportParameters(includePrivateParameters: true).D,
                _ => null,
            };
            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            algorithm.Dispose();
            return false;
        }
    }
}
