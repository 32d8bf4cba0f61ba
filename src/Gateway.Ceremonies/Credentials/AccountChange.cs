namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// An administrator's change of an account: each member that is not <c>null</c> replaces the stored value (a list
/// given replaces the old list; an empty <see cref="Email"/> clears it). Applying it bumps the account's version.
/// </summary>
public sealed record AccountChange(
    string? DisplayName = null,
    string? Email = null,
    IReadOnlyList<string>? Roles = null,
    IReadOnlyList<string>? Groups = null,
    bool? Disabled = null)
{
    /// <summary>Whether the change touches what tokens carry or whether the account may sign in: its sessions then end.</summary>
    public bool EndsSessions => Email is not null || Roles is not null || Groups is not null || Disabled is not null;
}
