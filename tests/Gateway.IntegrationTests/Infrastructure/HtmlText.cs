using System.Net;
using System.Text.RegularExpressions;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>The text of an element of a page the gateway rendered, entities decoded (the encoder writes · as &amp;#xB7;).</summary>
public static partial class HtmlText
{
    /// <summary>The decoded text of the first <paramref name="tag"/> element, or null when the page has none.</summary>
    public static string? Of(string html, string tag)
    {
        var match = Element().Matches(html).FirstOrDefault(m => m.Groups["tag"].Value == tag);
        return match is null ? null : WebUtility.HtmlDecode(match.Groups["text"].Value);
    }

    [GeneratedRegex(@"<(?<tag>[a-z0-9]+)(?:\s[^>]*)?>(?<text>[^<]*)</\k<tag>>", RegexOptions.Singleline)]
    private static partial Regex Element();
}
