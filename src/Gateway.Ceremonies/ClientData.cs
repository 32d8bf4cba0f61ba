using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace PasskeyGateway.Ceremonies;

/// <summary>
/// A client data document: WebAuthn's clientDataJSON, and the document a device or biometric key signs in its image
/// (DESIGN.md §4). UTF-8 JSON with <c>type</c>, <c>challenge</c> (base64url, as issued), <c>origin</c>, and the ids a
/// key ceremony concerns. Read before verification: the challenge finds the ceremony's state. Members are matched by
/// their exact names; a member given twice makes the document invalid, so no two readers of the signed bytes can
/// disagree on what they say; unknown members are ignored, as WebAuthn does.
/// </summary>
internal sealed record ClientData(string Type, string Challenge, string Origin, string? DeviceKeyId, string? DeviceId, string? KeyId)
{
    /// <summary>Clients send a few hundred bytes; a document this long is not a client's.</summary>
    public const int MaxBytes = 8192;

    /// <summary>The gateway's challenges are 43 characters; a longer one is no answer to one of them.</summary>
    public const int MaxChallengeLength = 512;

    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out ClientData? clientData)
    {
        clientData = null;

        // WebAuthn L3 §5.8.1: clientDataJSON is UTF-8. Checked whole, so no string inside fails to decode later.
        if (json.Length is 0 or > MaxBytes || !Utf8.IsValid(json))
        {
            return false;
        }

        Document? document;
        try
        {
            document = JsonSerializer.Deserialize(json, ClientDataJsonContext.Default.Document);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A string that cannot become UTF-16 (an escaped lone surrogate, "\ud800", is plain ASCII) included.
            return false;
        }

        if (document is not { Type.Length: > 0, Challenge.Length: > 0 and <= MaxChallengeLength, Origin.Length: > 0 })
        {
            return false;
        }

        clientData = new ClientData(document.Type, document.Challenge, document.Origin, document.DeviceKeyId, document.DeviceId, document.KeyId);
        return true;
    }

    /// <summary>The document as sent: every member may be missing.</summary>
    internal sealed record Document(string? Type, string? Challenge, string? Origin, string? DeviceKeyId, string? DeviceId, string? KeyId);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ClientData.Document))]
internal sealed partial class ClientDataJsonContext : JsonSerializerContext;
