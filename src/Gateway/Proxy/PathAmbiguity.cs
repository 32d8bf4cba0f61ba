using System.Buffers;
using System.Globalization;
using System.Text;

namespace PasskeyGateway.Proxy;

/// <summary>
/// Whether a request path means the same to every common backend as it does to the gateway, which decides the route
/// (and so the policy) on Kestrel's reading: percent-escapes decoded except <c>%2F</c>, dot segments resolved. A
/// backend that reads the same request as another path can be reached past that route's policy, so a path is
/// ambiguous — answered 400 <c>path-ambiguous</c> unless the route opts out — when after Kestrel's reading it still has:
/// <list type="bullet">
/// <item><c>;</c>: servlet containers (Tomcat, Jetty, Spring) strip <c>;parameters</c> from each segment before
/// resolving dot segments, so <c>/public/..;/admin</c> is <c>/admin</c> there, and <c>/admin;x/y</c> is
/// <c>/admin/y</c>. An encoded <c>%3B</c> is no exception: the gateway forwards it as <c>;</c>.</item>
/// <item><c>\</c> (sent raw or as <c>%5C</c>): IIS and ASP.NET classic read it as <c>/</c>.</item>
/// <item><c>%</c> before two hex digits: an encoded slash (<c>%2F</c>, which Kestrel leaves encoded and some servers
/// decode into a separator), a double encoding (<c>%252e</c>, read as <c>.</c> by a server that decodes twice), or
/// bytes that are not UTF-8.</item>
/// <item>an empty segment (<c>//</c>): nginx (<c>merge_slashes</c>), Tomcat and others merge it, so <c>//admin</c>
/// is <c>/admin</c> there.</item>
/// <item>control characters (CR, LF, TAB…), which split headers and log lines in backends.</item>
/// <item>a character that Unicode compatibility normalization (NFKC, which some frameworks apply to paths) turns
/// into a delimiter: <c>‥</c> into <c>..</c>, <c>／</c> into <c>/</c>.</item>
/// </list>
/// </summary>
internal static class PathAmbiguity
{
    /// <summary>Characters that keep their meaning everywhere: printable ASCII but <c>\ ; %</c>.</summary>
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        "!\"#$&'()*+,-./0123456789:<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~ ");

    private static readonly SearchValues<char> Delimiters = SearchValues.Create("/\\.;%?#");

    /// <summary>Why <paramref name="path"/> (Kestrel's reading) is ambiguous, or <c>null</c> when it is not.</summary>
    public static string? Find(string path)
    {
        if (path.Contains("//", StringComparison.Ordinal))
        {
            return "an empty segment (//), which many servers merge";
        }

        var span = path.AsSpan();
        var at = span.IndexOfAnyExcept(Plain);
        while (at >= 0)
        {
            if (Reason(span, at) is { } reason)
            {
                return reason;
            }

            var next = span[(at + 1)..].IndexOfAnyExcept(Plain);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return null;
    }

    private static string? Reason(ReadOnlySpan<char> path, int at)
    {
        var c = path[at];
        return c switch
        {
            ';' => "a ';', which servlet containers read as the start of path parameters",
            '\\' => "a backslash, which IIS and ASP.NET read as '/'",
            '%' when at + 2 < path.Length && char.IsAsciiHexDigit(path[at + 1]) && char.IsAsciiHexDigit(path[at + 2]) =>
                "a percent-encoding that is an encoded slash, a double encoding or not UTF-8",
            < ' ' or '\u007f' => "a control character",
            > '\u007f' when NormalizesToDelimiter(path, at) => "a character that Unicode normalization turns into a path delimiter",
            _ => null,
        };
    }

    private static bool NormalizesToDelimiter(ReadOnlySpan<char> path, int at)
    {
        if (Rune.DecodeFromUtf16(path[at..], out var rune, out _) != OperationStatus.Done)
        {
            // A lone surrogate: Kestrel never decodes one, but nothing about it is plain.
            return true;
        }

        var normalized = rune.ToString().Normalize(NormalizationForm.FormKC);
        return normalized.AsSpan().IndexOfAny(Delimiters) >= 0 || normalized.AsSpan().ContainsAnyInRange('\0', '\u001f');
    }

    /// <summary>Describes the ambiguity for the problem's detail, without echoing the path (it may carry anything).</summary>
    public static string Detail(string reason) =>
        string.Create(CultureInfo.InvariantCulture, $"The path has {reason}; such paths are refused so that the application reads the path the gateway authorized.");
}
