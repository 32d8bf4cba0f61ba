using System.Text.Json;
using System.Text.Json.Serialization;

namespace PasskeyGateway.Account;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(Endpoints.UtcTimestampConverter)])]
[JsonSerializable(typeof(CredentialList))]
[JsonSerializable(typeof(RenameRequest))]
[JsonSerializable(typeof(AuditList))]
[JsonSerializable(typeof(UserObject))]
[JsonSerializable(typeof(UserList))]
[JsonSerializable(typeof(CreatedUser))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(EnrollmentObject))]
[JsonSerializable(typeof(SessionList))]
[JsonSerializable(typeof(LogoutRequest))]
[JsonSerializable(typeof(ProfileRequest))]
internal sealed partial class AccountJsonContext : JsonSerializerContext;

/// <summary>A page of the audit trail, newest first; <see cref="NextBefore"/> asks for the next page.</summary>
internal sealed record AuditList(IReadOnlyList<AuditItem> Entries, long? NextBefore);

internal sealed record AuditItem(long Id, DateTimeOffset At, string? UserId, string Event, string Outcome, string? ClientIp, string? UserAgent, string? Detail);
