using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using PasskeyGateway.Endpoints;

namespace PasskeyGateway.Pages;

/// <summary>
/// Every string the gateway's pages show, from one resource file (<c>Pages/Text/page-text.json</c>, embedded): flat
/// keys such as <c>account.title</c>, values with <c>{0}</c> placeholders. The server renders them into the HTML; a
/// page's script gets the keys of its own prefix as a JSON data block (<see cref="ScriptData"/>), which a strict CSP
/// allows because it is never run.
/// </summary>
internal static class PageText
{
    private static readonly FrozenDictionary<string, string> Strings =
        (JsonSerializer.Deserialize(EmbeddedAssets.Read("PasskeyGateway.Pages.Text.page-text.json"), PageTextJsonContext.Default.DictionaryStringString)
            ?? throw new InvalidOperationException("The page text resource is empty.")).ToFrozenDictionary(StringComparer.Ordinal);

    /// <exception cref="KeyNotFoundException">No such key: a page asked for a string the resource file lacks.</exception>
    public static string Get(string key) =>
        Strings.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"The page text '{key}' is missing from page-text.json.");

    /// <summary>A string that may be missing, for pages with a fallback (problem codes without words of their own).</summary>
    public static bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text) => Strings.TryGetValue(key, out text);

    /// <summary>Every key of the resource file.</summary>
    public static IEnumerable<string> Keys => Strings.Keys;

    public static string Format(string key, params object?[] arguments) => string.Format(CultureInfo.InvariantCulture, Get(key), arguments);

    /// <summary>
    /// The strings under <paramref name="prefix"/> (<c>account.</c>), keyed without it, as a
    /// <c>&lt;script type="application/json" id="page-text"&gt;</c> element for the page's script to read.
    /// </summary>
    public static string ScriptData(string prefix)
    {
        var subset = Strings.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key[prefix.Length..], entry => entry.Value, StringComparer.Ordinal);

        // The serializer escapes <, > and & in strings, so the data cannot close the element.
        return $"<script type=\"application/json\" id=\"page-text\">{JsonSerializer.Serialize(subset, PageTextJsonContext.Default.DictionaryStringString)}</script>";
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class PageTextJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
