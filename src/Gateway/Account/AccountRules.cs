using System.Text;
using System.Text.RegularExpressions;

namespace PasskeyGateway.Account;

/// <summary>
/// What an administrator may write into an account (DESIGN.md §11.6): usernames NFKC-normalized and lower-cased to
/// <c>^[a-z0-9][a-z0-9._@-]{0,63}$</c>; role and group names <c>^[A-Za-z0-9._:/-]{1,64}$</c> (no commas: headers join
/// values with commas); an email of at most 254 characters with one <c>@</c>; a display name of at most 128.
/// Each check answers the reason in words, or <c>null</c>.
/// </summary>
internal static partial class AccountRules
{
    public const int MaxNames = 50;
    public const int MaxDisplayNameLength = 128;
    public const int MaxEmailLength = 254;

    /// <summary>The username as it is stored, or <c>null</c> when it cannot be one.</summary>
    public static string? NormalizeUsername(string? username)
    {
        if (username is null)
        {
            return null;
        }

        var normalized = username.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        return UsernamePattern().IsMatch(normalized) ? normalized : null;
    }

    /// <param name="kind">"role" or "group".</param>
    public static string? CheckNames(IReadOnlyList<string>? names, string kind)
    {
        if (names is null)
        {
            return null;
        }

        if (names.Count > MaxNames)
        {
            return $"At most {MaxNames} {kind}s.";
        }

        foreach (var name in names)
        {
            if (name is null || !NamePattern().IsMatch(name))
            {
                return $"'{name}' is not a {kind} name: 1 to 64 letters, digits and . _ : / - (no commas or spaces).";
            }
        }

        return null;
    }

    /// <summary>An empty string clears the email; <c>null</c> leaves it.</summary>
    public static string? CheckEmail(string? email) =>
        email is null or "" ? null
        : email.Length > MaxEmailLength || email.Count(c => c == '@') != 1 || email.StartsWith('@') || email.EndsWith('@') || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? "An email address of at most 254 characters, with one @ and no spaces."
            : null;

    public static string? CheckDisplayName(string? displayName) =>
        displayName is null ? null
        : displayName.Trim().Length is 0 or > MaxDisplayNameLength || displayName.Any(char.IsControl)
            ? $"A display name of 1 to {MaxDisplayNameLength} characters, without control characters."
            : null;

    /// <summary>Names given twice count once; the order given is kept.</summary>
    public static string[]? Distinct(IReadOnlyList<string>? names) => names?.Distinct(StringComparer.Ordinal).ToArray();

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();

    [GeneratedRegex("^[A-Za-z0-9._:/-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
