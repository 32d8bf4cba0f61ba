namespace PasskeyGateway.Headers;

/// <summary>
/// Compares header names the way the scrubber must: by their ASCII letters and digits alone, case-insensitively.
/// Servers and CGI-style frameworks turn <c>X_Forwarded_User</c>, and some even <c>X.Forwarded.User</c> or
/// <c>X~Forwarded~User</c>, into the same variable as <c>X-Forwarded-User</c> (HTTP_X_FORWARDED_USER), so any name
/// that differs from an identity header only in punctuation is that header. Allocation-free, so a frozen set with it
/// can be probed for every request header.
/// </summary>
internal sealed class HeaderNameComparer : IEqualityComparer<string>
{
    public static readonly HeaderNameComparer Instance = new();

    public bool Equals(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null)
        {
            return false;
        }

        int i = 0, j = 0;
        while (true)
        {
            var a = Next(x, ref i);
            var b = Next(y, ref j);
            if (a != b)
            {
                return false;
            }

            if (a == '\0')
            {
                return true;
            }
        }
    }

    public int GetHashCode(string obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        var i = 0;
        for (var c = Next(obj, ref i); c != '\0'; c = Next(obj, ref i))
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    /// <summary>The next letter or digit of <paramref name="name"/> from <paramref name="index"/>, lower-cased; '\0' at the end.</summary>
    private static char Next(string name, ref int index)
    {
        while (index < name.Length)
        {
            var c = name[index++];
            if (char.IsAsciiLetterOrDigit(c))
            {
                return char.ToLowerInvariant(c);
            }
        }

        return '\0';
    }
}
