namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// An enrollment or recovery link (DESIGN.md §11.1): only the SHA-256 of its token is stored. Usable while it is
/// neither spent nor voided nor expired and its account is not disabled; a newer link for the user voids it.
/// </summary>
/// <param name="CreatedBy">Who made it: an administrator's id, or <c>cli</c>.</param>
public sealed record EnrollmentLink(
    ReadOnlyMemory<byte> TokenHash,
    string UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string CreatedBy);

/// <summary>How spending a link with a new passkey ended.</summary>
public enum EnrollmentResult
{
    /// <summary>The passkey is stored and the link spent, in one transaction.</summary>
    Enrolled,

    /// <summary>Unknown, spent, voided or expired, or the account is disabled or gone: nothing was written.</summary>
    LinkInvalid,

    /// <summary>The credential id is registered already: nothing was written, the link stays usable.</summary>
    CredentialExists,
}
