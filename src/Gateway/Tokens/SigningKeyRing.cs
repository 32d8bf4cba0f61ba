using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Tokens;

/// <summary>
/// The gateway's signing keys: the first configured key signs, every configured key verifies and is published in
/// the JWKS (DESIGN.md §5). Without configured keys, a development key is generated once under the data directory.
/// </summary>
internal sealed class SigningKeyRing
{
    public const string DevelopmentKeyFileName = "dev-signing-key.pem";

    private readonly FrozenDictionary<string, SigningKey> _byKeyId;

    public SigningKeyRing(IReadOnlyList<SigningKey> keys, bool isDevelopmentKey)
    {
        if (keys.Count == 0)
        {
            throw new ArgumentException("At least one signing key is required.", nameof(keys));
        }

        Keys = keys;
        Current = keys[0];
        IsDevelopmentKey = isDevelopmentKey;
        _byKeyId = keys.ToFrozenDictionary(k => k.KeyId, StringComparer.Ordinal);
        Algorithms = [.. keys.Select(k => k.Algorithm).Distinct(StringComparer.Ordinal)];
        JwksJson = WriteJwks(keys);
    }

    public SigningKey Current { get; }

    public IReadOnlyList<SigningKey> Keys { get; }

    public IReadOnlyList<string> Algorithms { get; }

    public bool IsDevelopmentKey { get; }

    /// <summary>The JWKS document, written once.</summary>
    public byte[] JwksJson { get; }

    public SigningKey? Find(string keyId) => _byKeyId.GetValueOrDefault(keyId);

    public static SigningKeyRing Load(GatewayOptions options)
    {
        if (options.Tokens.SigningKeys.Count > 0)
        {
            var keys = options.Tokens.SigningKeys.Select(k => SigningKeyLoader.Load(k.Path!, k.Algorithm)).ToList();
            return new SigningKeyRing(keys, isDevelopmentKey: false);
        }

        return new SigningKeyRing([LoadOrCreateDevelopmentKey(options.DataDirectory)], isDevelopmentKey: true);
    }

    /// <summary>
    /// Reads the development key, creating it on first use. Several processes may start at once on one data
    /// directory: the key is written to a temporary file and moved into place without overwriting, so they all end
    /// up with the same key.
    /// </summary>
    public static SigningKey LoadOrCreateDevelopmentKey(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, DevelopmentKeyFileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // The private key is readable by its owner only.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                writer.Write(ecdsa.ExportPkcs8PrivateKeyPem());
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        return SigningKeyLoader.Load(path, algorithm: null);
    }

    private static byte[] WriteJwks(IReadOnlyList<SigningKey> keys)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in keys)
            {
                var jwk = key.PublicJwk;
                writer.WriteStartObject();
                writer.WriteString("kty", jwk.Kty);
                if (jwk.Kty == "EC")
                {
                    writer.WriteString("crv", jwk.Crv);
                    writer.WriteString("x", jwk.X);
                    writer.WriteString("y", jwk.Y);
                }
                else
                {
                    writer.WriteString("n", jwk.N);
                    writer.WriteString("e", jwk.E);
                }

                writer.WriteString("kid", key.KeyId);
                writer.WriteString("alg", key.Algorithm);
                writer.WriteString("use", "sig");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
