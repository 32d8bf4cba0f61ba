using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>Hand-made JWTs for attack tests: any header, any payload, any (or no) signature.</summary>
public static class Jwt
{
    public static string Create(JsonObject header, JsonObject payload, Func<byte[], byte[]> sign)
    {
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        return $"{signingInput}.{Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(signingInput)))}";
    }

    public static Func<byte[], byte[]> Es256(ECDsa key) => data => key.SignData(data, HashAlgorithmName.SHA256);

    public static Func<byte[], byte[]> Rs256(RSA key) => data => key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public static Func<byte[], byte[]> Hs256(byte[] secret) => data => HMACSHA256.HashData(secret, data);

    public static readonly Func<byte[], byte[]> NoSignature = _ => [];

    public static JsonObject Payload(string issuer, string audience, string subject = "mallory", TimeSpan? expiresIn = null, TimeSpan? notBeforeIn = null)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["sid"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = (now + (notBeforeIn ?? TimeSpan.Zero)).ToUnixTimeSeconds(),
            ["exp"] = (now + (expiresIn ?? TimeSpan.FromMinutes(5))).ToUnixTimeSeconds(),
        };
        return payload;
    }

    /// <summary>The payload of a JWT, read without checking anything (the gateway checked it; the test looks at claims).</summary>
    public static JsonObject ReadPayload(string token) =>
        JsonNode.Parse(Base64UrlEncoder.DecodeBytes(token.Split('.')[1]))!.AsObject();

    private static string Encode(JsonObject value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(value.ToJsonString()));
}
