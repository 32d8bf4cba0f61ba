namespace PasskeyGateway.Account;

/// <summary>
/// The body of <c>PATCH {prefix}/admin/users/{id}</c>, named for the OpenAPI document: <see cref="AccountChangeReader"/>
/// reads it itself, because a member left out (unchanged) and <c>"email": null</c> (cleared) differ there, and a member
/// it does not know is refused. Every member is optional; a list given replaces the old one.
/// </summary>
internal sealed record UserChangeRequest(string? DisplayName, string? Email, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Groups, bool? Disabled);
