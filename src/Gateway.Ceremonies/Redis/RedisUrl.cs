using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace PasskeyGateway.Ceremonies.Redis;

/// <summary>
/// Translates <c>redis://[[user]:password@]host[:port][/db]</c> and <c>rediss://…</c> (TLS) into StackExchange.Redis
/// options, which has no URL parser of its own (StackExchange.Redis issue #1590). The scheme follows the IANA
/// provisional registrations for <c>redis</c> and <c>rediss</c>: userinfo is percent-encoded, the path is the database.
/// </summary>
internal static class RedisUrl
{
    /// <summary>The port the IANA registrations give both schemes (StackExchange.Redis would pick 6380 for TLS).</summary>
    public const int DefaultPort = 6379;

    public static bool LooksLikeUrl(string configuration) => configuration.Contains("://", StringComparison.Ordinal);

    /// <summary>Fills <paramref name="options"/> from <paramref name="url"/>; an error never quotes the URL, which may hold a password.</summary>
    public static bool TryApply(string url, ConfigurationOptions options, [NotNullWhen(false)] out string? error)
    {
        var scheme = url[..url.IndexOf("://", StringComparison.Ordinal)].Trim();
        var tls = scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase);
        if (!tls && !scheme.Equals("redis", StringComparison.OrdinalIgnoreCase))
        {
            error = scheme.Length is > 0 and <= 16 && scheme.All(char.IsAsciiLetterOrDigit)
                ? $"the URL scheme '{scheme}' is not supported: use redis:// or rediss:// (TLS)."
                : "the URL scheme is not supported: use redis:// or rediss:// (TLS).";
            return false;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            error = $"is not a valid {scheme.ToLowerInvariant()}:// URL (characters such as @ : / ? # in the user or password must be percent-encoded).";
            return false;
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            error = "the URL names no host.";
            return false;
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            error = "the URL may not carry a query or fragment; use a StackExchange.Redis configuration string for further options.";
            return false;
        }

        if (!TryReadDatabase(uri.AbsolutePath, out var database, out error))
        {
            return false;
        }

        // Split before unescaping, so a percent-encoded ':' stays inside the user name or password.
        var userInfo = uri.UserInfo;
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        var password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);

        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        options.EndPoints.Add(uri.HostNameType == UriHostNameType.IPv6 || uri.HostNameType == UriHostNameType.IPv4
            ? new IPEndPoint(IPAddress.Parse(uri.DnsSafeHost), port)
            : new DnsEndPoint(uri.DnsSafeHost, port));
        options.User = user.Length > 0 ? user : null;
        options.Password = string.IsNullOrEmpty(password) ? null : password;
        options.DefaultDatabase = database;
        options.Ssl = tls;
        return true;
    }

    private static bool TryReadDatabase(string path, out int? database, [NotNullWhen(false)] out string? error)
    {
        database = null;
        error = null;
        var segment = path.Trim('/');
        if (segment.Length == 0)
        {
            return true;
        }

        if (segment.Length <= 5 && segment.All(char.IsAsciiDigit) && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            database = number;
            return true;
        }

        error = "the URL path must be a database number, such as /0.";
        return false;
    }
}
