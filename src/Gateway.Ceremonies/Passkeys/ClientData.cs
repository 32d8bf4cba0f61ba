using System.Text.Json;

namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>
/// The fields of a clientDataJSON needed before verification: the challenge finds the ceremony's state
/// (DESIGN.md §4: "the ceremony's state is found again by its challenge").
/// </summary>
internal readonly record struct ClientData(string Type, string Challenge, string Origin)
{
    public static bool TryRead(ReadOnlySpan<byte> json, out ClientData clientData)
    {
        clientData = default;

        // WebAuthn L3 §5.8.1: clientDataJSON is UTF-8. Checked whole, so no string inside fails to decode later.
        if (json.Length is 0 or > 8192 || !System.Text.Unicode.Utf8.IsValid(json))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("challenge"u8, out var challenge) || challenge.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("origin"u8, out var origin) || origin.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            clientData = new ClientData(type.GetString()!, challenge.GetString()!, origin.GetString()!);
            return clientData.Challenge.Length is > 0 and <= 512;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // GetString() throws InvalidOperationException for a string it cannot turn into UTF-16. The UTF-8 check
            // above cannot see one such string: an escaped lone surrogate ("\ud800") is plain ASCII.
            return false;
        }
    }
}
