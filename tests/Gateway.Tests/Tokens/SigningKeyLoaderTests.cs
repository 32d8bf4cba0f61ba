using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Tests.Tokens;

public sealed class SigningKeyLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("signing-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_EcP256Pem_KidIsTheRfc7638Thumbprint()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Write("ec.pem", ecdsa.ExportPkcs8PrivateKeyPem());

        var key = SigningKeyLoader.Load(path, algorithm: null);

        // RFC 7638 §3.2: SHA-256 over the required members in lexicographic order, no whitespace.
        var q = ecdsa.ExportParameters(false).Q;
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{Base64UrlEncoder.Encode(q.X)}}","y":"{{Base64UrlEncoder.Encode(q.Y)}}"}""";
        Assert.Equal(Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), key.KeyId);
        Assert.Equal("ES256", key.Algorithm);
    }

    [Fact]
    public void Load_RsaPem_KidIsTheRfc7638Thumbprint_AndPs256CanBeChosen()
    {
        using var rsa = RSA.Create(2048);
        var path = Write("rsa.pem", rsa.ExportRSAPrivateKeyPem());

        var key = SigningKeyLoader.Load(path, "PS256");

        var parameters = rsa.ExportParameters(false);
        var canonical = $$"""{"e":"{{Base64UrlEncoder.Encode(parameters.Exponent)}}","kty":"RSA","n":"{{Base64UrlEncoder.Encode(parameters.Modulus)}}"}""";
        Assert.Equal(Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), key.KeyId);
        Assert.Equal("PS256", key.Algorithm);
    }

    [Fact]
    public void TryLoad_WeakOrWrongKeys_AreRefusedWithAReason()
    {
        using var rsa1024 = RSA.Create(1024);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var cases = new Dictionary<string, string>
        {
            [Write("rsa1024.pem", rsa1024.ExportPkcs8PrivateKeyPem())] = "2048",
            [Write("p384.pem", p384.ExportPkcs8PrivateKeyPem())] = "P-256",
            [Write("public.pem", p256.ExportSubjectPublicKeyInfoPem())] = "no PEM private key",
            [Write("garbage.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")] = "no PEM private key",
            [Path.Combine(_directory, "missing.pem")] = "cannot read",
        };

        foreach (var (path, reason) in cases)
        {
            Assert.False(SigningKeyLoader.TryLoad(path, null, out _, out var error));
            Assert.Contains(reason, error, StringComparison.Ordinal);
        }

        var ecPath = Write("ec-for-rs.pem", p256.ExportPkcs8PrivateKeyPem());
        Assert.False(SigningKeyLoader.TryLoad(ecPath, "RS256", out _, out _));
        Assert.False(SigningKeyLoader.TryLoad(ecPath, "HS256", out _, out _));
    }

    [Fact]
    public void LoadOrCreateDevelopmentKey_IsCreatedOnce_OwnerReadableOnly()
    {
        var first = SigningKeyRing.LoadOrCreateDevelopmentKey(_directory);
        var second = SigningKeyRing.LoadOrCreateDevelopmentKey(_directory);

        Assert.Equal(first.KeyId, second.KeyId);
        var file = Path.Combine(_directory, SigningKeyRing.DevelopmentKeyFileName);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task LoadOrCreateDevelopmentKey_ProcessesRacing_AllGetTheSameKey()
    {
        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SigningKeyRing.LoadOrCreateDevelopmentKey(_directory).KeyId)));

        Assert.Single(keys.Distinct());
        Assert.Single(Directory.GetFiles(_directory));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
