using System.Buffers;
using System.Buffers.Text;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.ClientKeys;

/// <summary>
/// Reads the fields of device and biometric-key requests (DESIGN.md §4): base64url binaries, algorithm and signature
/// format names, ids and labels. Each failure names the field.
/// </summary>
internal static class KeyRequestFields
{
    /// <summary>Device key ids and biometric key ids are chosen by clients (a key alias, a UUID); they go into tokens.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Names and platforms are shown to the user in the credentials list.</summary>
    public const int MaxLabelLength = 64;

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>
    /// A base64url value without padding (DESIGN.md §4), decoded. Only the alphabet is taken: the decoder alone would
    /// also skip whitespace.
    /// </summary>
    public static CeremonyResult<byte[]> Binary(string? value, string field, int maxBytes)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Invalid($"{field} is required (base64url).");
        }

        if (value.Length > Base64Url.GetEncodedLength(maxBytes) || value.AsSpan().ContainsAnyExcept(Base64UrlAlphabet) || !Base64Url.IsValid(value))
        {
            return Invalid($"{field} is not base64url without padding, or is longer than {maxBytes} bytes.");
        }

        return Base64Url.DecodeFromChars(value);
    }

    /// <summary><c>RS256</c>, <c>PS256</c> or <c>ES256</c>, exactly.</summary>
    public static CeremonyFailure? Algorithm(string? name, out KeyAlgorithm algorithm)
    {
        switch (name)
        {
            case "RS256":
                algorithm = KeyAlgorithm.RS256;
                return null;
            case "PS256":
                algorithm = KeyAlgorithm.PS256;
                return null;
            case "ES256":
                algorithm = KeyAlgorithm.ES256;
                return null;
            default:
                algorithm = default;
                return new CeremonyFailure(CeremonyError.AlgorithmNotAllowed, "algorithm must be \"RS256\", \"PS256\" or \"ES256\".");
        }
    }

    /// <summary><c>der</c> (the default) or <c>raw</c>; <c>raw</c> is an ECDSA encoding, so for ES256 only.</summary>
    public static CeremonyFailure? Format(string? name, KeyAlgorithm algorithm, out SignatureFormat format)
    {
        format = name == "raw" ? SignatureFormat.Raw : SignatureFormat.Der;
        return name is null or "der" || (name == "raw" && algorithm == KeyAlgorithm.ES256)
            ? null
            : Invalid("signatureFormat must be \"der\" or, for ES256, \"raw\".");
    }

    /// <summary>An id: 1 to 128 printable ASCII characters.</summary>
    public static CeremonyFailure? Id(string? id, string field) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => c is > ' ' and < '\u007f')
            ? null
            : Invalid($"{field} is required: 1 to {MaxIdLength} printable ASCII characters.");

    /// <summary>An optional label: at most 64 characters once trimmed, no control characters.</summary>
    public static CeremonyFailure? Label(string? value, string field) =>
        LabelValue(value) is not { } label || (label.Length <= MaxLabelLength && !label.Any(char.IsControl))
            ? null
            : Invalid($"{field} must be at most {MaxLabelLength} characters, without control characters.");

    /// <summary>A label as stored: trimmed; blank becomes absent.</summary>
    public static string? LabelValue(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static CeremonyFailure Invalid(string message) => new(CeremonyError.InvalidRequest, message);
}
