namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// A gateway account. <paramref name="Id"/> is the gateway's own id (the token's <c>sub</c>); <paramref name="UserHandle"/>
/// is the opaque WebAuthn user handle (32 random bytes) that authenticators store with a discoverable passkey. Both
/// come from <see cref="CredentialIdentifiers"/>: the handle is needed before the account exists, in the registration options.
/// </summary>
/// <param name="Username">As the user typed it; unique after <see cref="UsernameNormalizer"/> (case and Unicode form ignored).</param>
/// <param name="Roles">Role names matched by admin policies (e.g. <c>admin</c>).</param>
/// <param name="Disabled">Refused at every ceremony (DESIGN.md §11.1); its sessions are revoked when it is set.</param>
public sealed record UserAccount(
    string Id,
    string Username,
    string DisplayName,
    ReadOnlyMemory<byte> UserHandle,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    bool Disabled)
{
    /// <summary>Optional and not verified: carried into tokens as <c>email</c>.</summary>
    public string? Email { get; init; }

    /// <summary>Group names, carried into tokens as <c>groups</c>.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>
    /// Starts at 1 and grows by one with every change of the account (DESIGN.md §11.6): tokens carry it as <c>ver</c>,
    /// and a change revokes every token of an older version, so a sign-in racing the change keeps no old claims.
    /// </summary>
    public long Version { get; init; } = 1;
}
