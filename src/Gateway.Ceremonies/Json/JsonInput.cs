using System.Text.Json;
using System.Text.Unicode;

namespace PasskeyGateway.Ceremonies.Json;

/// <summary>
/// The first check on a JSON document a client sent: one value, valid UTF-8 throughout (RFC 8259 §8.1; strings
/// included, which a JSON reader only decodes when asked), at most <see cref="MaxDepth"/> levels deep. Every parser
/// behind it — the gateway's and Fido2's — then sees well-formed text only, and cannot throw on its encoding.
/// </summary>
public static class JsonInput
{
    /// <summary>WebAuthn's deepest document, a registration response with extension results, is 4 levels deep.</summary>
    public const int MaxDepth = 32;

    public static bool IsWellFormed(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty || !Utf8.IsValid(json))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
            while (reader.Read())
            {
                // Reading to the end validates the structure, the depth and that nothing follows the value.
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
