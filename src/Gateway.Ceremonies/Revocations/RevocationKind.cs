namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>What a revocation names. Each kind is matched against one claim of a self-issued token.</summary>
public enum RevocationKind
{
    /// <summary>A session (<c>sid</c>): every token minted for that sign-in.</summary>
    Session,

    /// <summary>A passkey or biometric key (<c>cred_id</c>).</summary>
    Credential,

    /// <summary>A bound device (<c>device_id</c>).</summary>
    Device,

    /// <summary>Every session of a user (<c>sub</c>) that began before the revocation.</summary>
    User,

    /// <summary>
    /// Every token of a user minted before an account change (DESIGN.md §11.6): the id is <c>{sub}/{version}</c>, and
    /// tokens whose <c>ver</c> is below that version are refused — also one minted by a sign-in that raced the change.
    /// </summary>
    AccountVersion,
}
