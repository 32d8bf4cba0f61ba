using System.Text;

namespace PasskeyGateway.Headers;

/// <summary>
/// Header values from claim values. Several values are joined with ','. Header values are bytes the backend may read
/// as Latin-1, and CR/LF would split the header: so '%', ',' inside a value, control characters and anything outside
/// printable ASCII are percent-encoded as UTF-8 (RFC 3986 §2.1), which keeps ordinary values unchanged.
/// </summary>
internal static class IdentityHeaderValue
{
    public static string? Build(IEnumerable<string> values)
    {
        StringBuilder? builder = null;
        string? single = null;
        foreach (var value in values)
        {
            var encoded = Encode(value);
            if (single is null && builder is null)
            {
                single = encoded;
                continue;
            }

            builder ??= new StringBuilder(single);
            builder.Append(',').Append(encoded);
        }

        return builder?.ToString() ?? single;
    }

    public static string Encode(string value)
    {
        var clean = true;
        foreach (var c in value)
        {
            if (NeedsEncoding(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!NeedsEncoding(c))
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < value.Length
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), bytes);
            foreach (var b in bytes[..length])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEncoding(char c) => c is < ' ' or > '~' or '%' or ',';
}
