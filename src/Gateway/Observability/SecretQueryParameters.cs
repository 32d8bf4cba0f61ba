using System.Text.RegularExpressions;

namespace PasskeyGateway.Observability;

/// <summary>
/// Query parameters that carry credentials in the wild — OAuth's <c>access_token</c>, <c>id_token</c>, <c>code</c>,
/// API keys, passwords, URL signatures — and that a client may send to the gateway even though it never reads them
/// there. Their values are replaced wherever a URL reaches a log line.
/// </summary>
internal static partial class SecretQueryParameters
{
    public const string Redacted = "[redacted]";

    /// <summary>Whether <paramref name="text"/> holds a secret parameter's value (a cheap test before the rewrite).</summary>
    public static bool Contains(string? text) => text is not null && text.Contains('=') && Pattern().IsMatch(text);

    /// <summary><paramref name="text"/> with every secret parameter's value replaced; the names stay, for context.</summary>
    public static string Redact(string text) => Pattern().Replace(text, Redacted);

    // A parameter starts after '?', '&' or ';' (also percent-encoded, as in a logged return URL) and its value runs to
    // the next delimiter or whitespace.
    [GeneratedRegex(
        @"(?<=(?:[?&;]|%3[Ff]|%26|%3[Bb])(?:access_token|id_token|refresh_token|token|code|key|api_key|apikey|password|passwd|secret|client_secret|sig|signature)(?:=|%3[Dd]))[^&;#\s""'<>]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
