using System.ComponentModel.DataAnnotations;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Account;

/// <summary>A user object of the admin API (DESIGN.md §11.1).</summary>
internal sealed record UserObject(
    string Id,
    string Username,
    string DisplayName,
    string? Email,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Groups,
    bool Disabled,
    DateTimeOffset CreatedAt,
    int CredentialCount)
{
    public static UserObject From(UserAccount user, int credentialCount) =>
        new(user.Id, user.Username, user.DisplayName, user.Email, user.Roles, user.Groups, user.Disabled, user.CreatedAt, credentialCount);
}

internal sealed record UserList(IReadOnlyList<UserObject> Users, string? Next);

internal sealed record EnrollmentObject(string Url, DateTimeOffset ExpiresAt);

internal sealed record CreatedUser(UserObject User, EnrollmentObject Enrollment);

internal sealed record CreateUserRequest([property: Required] string? Username, string? DisplayName, string? Email, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Groups);

/// <summary>A session as its user and administrators see it; <see cref="Current"/> marks the one asking.</summary>
internal sealed record SessionObject(string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string AuthMethod, string? UserAgent, string? DeviceId, bool Current)
{
    public static SessionObject From(SessionRecord session, string? currentSessionId) =>
        new(session.Id, session.CreatedAt, session.ExpiresAt, session.AuthMethod, session.UserAgent, session.DeviceId, session.Id == currentSessionId);
}

internal sealed record SessionList(IReadOnlyList<SessionObject> Sessions);

internal sealed record LogoutRequest(bool Everywhere = false);

internal sealed record ProfileRequest([property: Required] string? DisplayName);
