namespace PasskeyGateway.Headers;

/// <summary>
/// Compares header names the way the scrubber must: ASCII case-insensitive, with '_' and '-' alike, because some
/// servers and CGI-style frameworks turn <c>X_Forwarded_User</c> into the same variable as <c>X-Forwarded-User</c>
/// (DESIGN.md §6). Allocation-free, so a frozen set with it can be probed for every request header.
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

        if (x is null || y is null || x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (Fold(x[i]) != Fold(y[i]))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(string obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        foreach (var c in obj)
        {
            hash.Add(Fold(c));
        }

        return hash.ToHashCode();
    }

    private static char Fold(char c) => c switch
    {
        '_' => '-',
        >= 'A' and <= 'Z' => (char)(c | 0x20),
        _ => c,
    };
}
