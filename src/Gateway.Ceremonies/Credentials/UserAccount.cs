namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// A gateway account. <paramref name="Id"/> is the gateway's own id (the token's <c>sub</c>); <paramref name="UserHandle"/>
/// is the opaque WebAuthn user handle (32 random bytes) that authenticators store with a discoverable passkey. Both
/// come from <see cref="CredentialIdentifiers"/>: the handle is needed before the account exists, in the registration options.
/// </summary>
/// <param name="Username">As the user typed it; unique after <see cref="UsernameNormalizer"/> (case and Unicode form ignored).</param>
/// <param name="Roles">Role names matched by admin policies (e.g. <c>admin</c>).</param>
public sealed record UserAccount(
    string Id,
    string Username,
    string DisplayName,
    ReadOnlyMemory<byte> UserHandle,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    bool Disabled);
