using System.Text.Json;
using System.Text.Json.Serialization;

namespace PasskeyGateway.Account;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(Endpoints.UtcTimestampConverter)])]
[JsonSerializable(typeof(CredentialList))]
[JsonSerializable(typeof(RenameRequest))]
[JsonSerializable(typeof(AuditList))]
internal sealed partial class AccountJsonContext : JsonSerializerContext;

/// <summary>A page of the audit trail, newest first; <see cref="NextBefore"/> asks for the next page.</summary>
internal sealed record AuditList(IReadOnlyList<AuditItem> Entries, long? NextBefore);

internal sealed record AuditItem(long Id, DateTimeOffset At, string? UserId, string Event, string Outcome, string? ClientIp, string? UserAgent, string? Detail);
