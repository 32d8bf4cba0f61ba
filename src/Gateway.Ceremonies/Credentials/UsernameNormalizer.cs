using System.Text;

namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// The form in which usernames are compared and kept unique: NFKC (full-width letters, ligatures and decomposed
/// accents fold to one form, as RFC 8265's width mapping asks) then upper-cased, as ASP.NET Core Identity's
/// <c>UpperInvariantLookupNormalizer</c> does.
/// </summary>
internal static class UsernameNormalizer
{
    /// <summary>
    /// In globalization-invariant mode .NET assumes every string is already normalized and <see cref="string.Normalize()"/>
    /// returns it unchanged, leaving only case folding. Checked once so the store can say so at startup.
    /// </summary>
    public static bool IsNormalizationAvailable { get; } = "e\u0301".Normalize(NormalizationForm.FormC) == "\u00e9";

    public static string Normalize(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        return username.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
    }
}
