namespace PasskeyGateway.Authentication;

/// <summary>
/// Same-origin return paths only: an absolute path that cannot be read as another origin by a browser. Refuses
/// <c>//evil</c>, <c>/\evil</c>, schemes, control characters and anything not starting with a single '/'.
/// </summary>
internal static class ReturnUrl
{
    public static bool IsSafe(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 2048 || value[0] != '/')
        {
            return false;
        }

        if (value.Length > 1 && value[1] is '/' or '\\')
        {
            return false;
        }

        foreach (var c in value)
        {
            // Browsers strip tabs and newlines from URLs and treat '\' as '/': "/\t/evil" becomes "//evil".
            if (char.IsControl(c) || c == '\\')
            {
                return false;
            }
        }

        return true;
    }

    public static string OrRoot(string? value) => IsSafe(value) ? value! : "/";
}
