using System.Formats.Cbor;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.IdentityModel.Tokens;

namespace PasskeyGateway.IntegrationTests.Hardening.Properties;

/// <summary>
/// Generators of request bodies a hostile client might send a ceremony endpoint: random bytes; random JSON; objects
/// shaped like the endpoint's body whose members hold anything (base64url of random bytes, of random JSON client data,
/// of random CBOR maps with the attestation object's keys, huge and odd numbers, deep nesting); and text-level damage
/// to those (cut short, a flipped byte, bytes that are not UTF-8, a member given twice).
/// </summary>
public static class MalformedBodies
{
    private static readonly string[] ClientDataTypes =
        ["webauthn.create", "webauthn.get", "device.bind", "device.verify", "biometric.register", "biometric.authenticate", "transaction.sign", "", "x"];

    // Strings that JSON can carry: a lone surrogate cannot be written as UTF-8 (bytes that are not UTF-8 come from Damage).
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String.Where(s => !s.Any(char.IsSurrogate)),
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"].Array[0, 40].Select(c => new string(c)),
        Gen.OneOf("", " ", "null", "\u0000", "\u001f\u007f", "../../etc/passwd", "<script>", "%00", "'; DROP TABLE users;--", "🔑", "ＡＤＭＩＮ", new string('a', 5000)));

    private static readonly Gen<string> Base64UrlBytes = Gen.Byte.Array[0, 600].Select(b => Base64UrlEncoder.Encode(b));

    private static readonly Gen<JsonNode?> Scalar = Gen.Frequency(
        (2, Gen.Const((JsonNode?)null)),
        (2, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (3, Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l))),
        (2, Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : JsonValue.Create(0.5))),
        (6, Text.Select(s => (JsonNode?)JsonValue.Create(s))),
        (6, Base64UrlBytes.Select(s => (JsonNode?)JsonValue.Create(s))));

    /// <summary>Any JSON value, at most a few levels deep.</summary>
    public static readonly Gen<JsonNode?> Json = Gen.Recursive<JsonNode?>((depth, json) => depth >= 4
        ? Scalar
        : Gen.Frequency(
            (6, Scalar),
            (1, json.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
            (1, Gen.Select(Text.Array[0, 4], json.Array[0, 4], (keys, values) => (JsonNode?)Object(keys, values)))));

    /// <summary>base64url of a client data document with random or real-looking members.</summary>
    private static readonly Gen<string> ClientData = Gen.Select(
        Gen.OneOf(Gen.OneOf(ClientDataTypes), Text),
        Gen.OneOf(Base64UrlBytes, Text),
        Gen.OneOf(Gen.OneOf("http://localhost", "https://evil.example", "android:apk-key-hash:x", "null", ""), Text),
        Json,
        Gen.Bool,
        (type, challenge, origin, extra, asText) =>
        {
            var document = new JsonObject { ["type"] = type, ["challenge"] = challenge, ["origin"] = origin, ["deviceId"] = extra?.DeepClone(), ["keyId"] = extra?.DeepClone() };
            return asText ? Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(document.ToJsonString())) : Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(extra?.ToJsonString() ?? "null"));
        });

    /// <summary>base64url of a CBOR map with the attestation object's keys (and others) holding random values.</summary>
    private static readonly Gen<string> Cbor = Gen.Select(Gen.Byte.Array[0, 300], Gen.Int[0, 6], Gen.Bool, (bytes, extraKeys, canonical) =>
    {
        var writer = new CborWriter(canonical ? CborConformanceMode.Canonical : CborConformanceMode.Lax);
        writer.WriteStartMap(3 + extraKeys);
        writer.WriteTextString("fmt");
        writer.WriteTextString(bytes.Length % 3 == 0 ? "none" : bytes.Length % 3 == 1 ? "packed" : "fido-u2f");
        writer.WriteTextString("attStmt");
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteTextString("authData");
        writer.WriteByteString(bytes);
        for (var i = 0; i < extraKeys; i++)
        {
            writer.WriteInt32(i);
            writer.WriteByteString(bytes.AsSpan(0, Math.Min(i, bytes.Length)));
        }

        writer.WriteEndMap();
        return Base64UrlEncoder.Encode(writer.Encode());
    });

    /// <summary>A body shaped like <paramref name="endpoint"/>'s, each member present or not, holding anything.</summary>
    public static Gen<JsonObject> Shaped(CeremonyEndpoint endpoint) =>
        Gen.Select(
            Value(endpoint).Array[endpoint.Members.Count],
            Gen.Bool.Array[endpoint.Members.Count],
            ResponseObject,
            Text.Array[0, 2],
            Json.Array[0, 2],
            (values, present, response, extraKeys, extraValues) =>
            {
                var body = new JsonObject();
                for (var i = 0; i < endpoint.Members.Count; i++)
                {
                    if (present[i])
                    {
                        body[endpoint.Members[i]] = endpoint.Members[i] == "response" ? response.DeepClone() : values[i]?.DeepClone();
                    }
                }

                for (var i = 0; i < Math.Min(extraKeys.Length, extraValues.Length); i++)
                {
                    body[extraKeys[i]] = extraValues[i]?.DeepClone();
                }

                return body;
            });

    /// <summary>Any body for <paramref name="endpoint"/>: the generators above, shaped bodies the most often.</summary>
    public static Gen<byte[]> For(CeremonyEndpoint endpoint) => Gen.Frequency(
        (1, Gen.Byte.Array[0, 400]),
        (2, Json.Select(j => Encoding.UTF8.GetBytes(j?.ToJsonString() ?? "null"))),
        (5, Shaped(endpoint).Select(b => Encoding.UTF8.GetBytes(b.ToJsonString()))),
        (2, Gen.Select(Shaped(endpoint), Gen.Int[0, 4], Gen.Int, Gen.Byte, Damage)));

    private static readonly Gen<JsonObject> ResponseObject = Gen.Select(
        Gen.OneOf(ClientData, Base64UrlBytes, Text),
        Gen.OneOf(Cbor, Base64UrlBytes),
        Base64UrlBytes,
        Gen.OneOf(Base64UrlBytes, Text),
        Json,
        (clientData, attestation, authData, signature, transports) => new JsonObject
        {
            ["clientDataJSON"] = clientData,
            ["attestationObject"] = attestation,
            ["authenticatorData"] = authData,
            ["signature"] = signature,
            ["userHandle"] = authData.Length > 10 ? authData[..10] : null,
            ["transports"] = transports?.DeepClone(),
        });

    private static Gen<JsonNode?> Value(CeremonyEndpoint endpoint) => Gen.Frequency(
        (4, Json),
        (3, ClientData.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.OneOf("RS256", "PS256", "ES256", "es256", "EdDSA", "none", "der", "raw", "").Select(s => (JsonNode?)JsonValue.Create(s))));

    private static JsonObject Object(string[] keys, JsonNode?[] values)
    {
        var result = new JsonObject();
        for (var i = 0; i < Math.Min(keys.Length, values.Length); i++)
        {
            result[keys[i]] = values[i]?.DeepClone();
        }

        return result;
    }

    /// <summary>Text-level damage to a well-formed body.</summary>
    private static byte[] Damage(JsonObject body, int kind, int position, byte value)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var at = bytes.Length == 0 ? 0 : (int)((uint)position % (uint)bytes.Length);
        switch (kind)
        {
            case 0:
                return bytes[..at];
            case 1:
                if (bytes.Length > 0)
                {
                    bytes[at] = value;
                }

                return bytes;
            case 2:
                return [.. bytes[..at], 0xC3, 0x28, 0xFF, .. bytes[at..]];
            case 3:
                // A member given twice: which one counts must not differ between two readers.
                var text = Encoding.UTF8.GetString(bytes);
                return Encoding.UTF8.GetBytes(text.Length > 1 && text[^1] == '}' && body.Count > 0
                    ? $"{text[..^1]},\"{System.Text.Json.JsonEncodedText.Encode(body.First().Key)}\":\"twice\"}}"
                    : text);
            default:
                return Encoding.UTF8.GetBytes(new string('[', 40) + "1" + new string(']', 40));
        }
    }
}
