using System.Text.Json.Serialization;

namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>
/// A revocation as announced on the Redis channel to the other replicas. <see cref="Announcement"/> and
/// <see cref="Replica"/> say whom to acknowledge it to; a message without them (from an older replica) is held but not
/// acknowledged.
/// </summary>
internal sealed record RevocationMessage(
    [property: JsonPropertyName("kind")] RevocationKind Kind,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("revokedAt")] DateTimeOffset RevokedAt,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("announcement")] string? Announcement = null,
    [property: JsonPropertyName("replica")] string? Replica = null)
{
    public Revocation ToRevocation() => new(Kind, Id, RevokedAt, ExpiresAt);

    public static RevocationMessage From(Revocation revocation, string? announcement = null, string? replica = null) =>
        new(revocation.Kind, revocation.Id, revocation.RevokedAt, revocation.ExpiresAt, announcement, replica);
}

/// <summary>A replica saying it holds an announced revocation, sent on the announcing replica's own channel.</summary>
internal sealed record RevocationAcknowledgement(
    [property: JsonPropertyName("announcement")] string Announcement,
    [property: JsonPropertyName("replica")] string Replica);

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RevocationMessage))]
[JsonSerializable(typeof(RevocationAcknowledgement))]
internal sealed partial class RevocationJsonContext : JsonSerializerContext;
