using System.Globalization;

namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>The id of an <see cref="RevocationKind.AccountVersion"/> revocation: <c>{sub}/{lowest valid version}</c>.</summary>
public static class AccountVersionId
{
    public static string Format(string subject, long validFrom) =>
        string.Create(CultureInfo.InvariantCulture, $"{subject}/{validFrom}");

    public static bool TryParse(string id, out string subject, out long validFrom)
    {
        ArgumentNullException.ThrowIfNull(id);
        var slash = id.LastIndexOf('/');
        subject = slash > 0 ? id[..slash] : "";
        validFrom = 0;
        return slash > 0 && long.TryParse(id.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out validFrom);
    }
}
