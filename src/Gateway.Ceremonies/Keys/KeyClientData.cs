using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PasskeyGateway.Ceremonies.Keys;

/// <summary>
/// The client data a device or biometric key signs (DESIGN.md §4), like WebAuthn's clientDataJSON: UTF-8 JSON with
/// <c>type</c>, <c>challenge</c> (base64url, as issued), <c>origin</c>, and the ids the ceremony concerns. Members are
/// matched by their exact names; a member given twice makes the document invalid, so no two readers of the signed
/// bytes can disagree on what they say. Unknown members are ignored, as WebAuthn does.
/// </summary>
internal sealed record KeyClientData(string? Type, string? Challenge, string? Origin, string? DeviceKeyId, string? DeviceId, string? KeyId)
{
    /// <summary>WebAuthn clients send a few hundred bytes; a document this long is not a client's.</summary>
    public const int MaxBytes = 8192;

    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out KeyClientData? clientData)
    {
        clientData = null;

        // UTF-8 as DESIGN.md says, checked whole: a string member that does not decode is not a JsonException.
        if (json.Length is 0 or > MaxBytes || !System.Text.Unicode.Utf8.IsValid(json))
        {
            return false;
        }

        try
        {
            clientData = JsonSerializer.Deserialize(json, KeyClientDataJsonContext.Default.KeyClientData);
        }
        catch (JsonException)
        {
            return false;
        }

        if (clientData is not { Type.Length: > 0, Challenge.Length: > 0, Origin.Length: > 0 })
        {
            clientData = null;
            return false;
        }

        return true;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(KeyClientData))]
internal sealed partial class KeyClientDataJsonContext : JsonSerializerContext;
