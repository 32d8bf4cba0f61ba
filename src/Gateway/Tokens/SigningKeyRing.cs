using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Tokens;

/// <summary>
/// The gateway's signing keys: the newest configured key (the last entry) signs, every configured key verifies and is
/// published in the JWKS (DESIGN.md §5). Without configured keys, a development key is generated once under the data
/// directory.
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

        // The newest key signs, and the newest is the last entry: rotating appends a key and later removes the first,
        // so the list reads oldest to newest and no flag can mark two keys, or none, as the signer. Across replicas a
        // new key is inserted before the last one first (published and accepted everywhere, not yet signing), then
        // moved to the end: docs/replicas.md, "Rotating the signing key".
        Current = keys[^1];
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
    /// directory: the file is created exclusively (O_EXCL), so exactly one of them writes a key; the others read that
    /// one, waiting briefly if they catch it half-written. (A temporary file renamed into place is not enough: a
    /// no-overwrite move can still replace a file another process just moved there.)
    /// </summary>
    public static SigningKey LoadOrCreateDevelopmentKey(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, DevelopmentKeyFileName);
        Directory.CreateDirectory(dataDirectory);
        if (TryCreate(path))
        {
            return SigningKeyLoader.Load(path, algorithm: null);
        }

        for (var attempt = 0; ; attempt++)
        {
            if (SigningKeyLoader.TryLoad(path, algorithm: null, out var key, out var error))
            {
                return key;
            }

            if (attempt == 100)
            {
                throw new InvalidOperationException($"The development key cannot be read: {error}");
            }

            Thread.Sleep(20);
        }
    }

    private static bool TryCreate(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // The private key is readable by its owner only.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }

        using (stream)
        using (var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(ecdsa.ExportPkcs8PrivateKeyPem());
        }

        return true;
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
