using System.Text.Json.Serialization;

namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>A revocation as announced on the Redis channel to the other replicas.</summary>
internal sealed record RevocationMessage(
    [property: JsonPropertyName("kind")] RevocationKind Kind,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("revokedAt")] DateTimeOffset RevokedAt,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset ExpiresAt)
{
    public Revocation ToRevocation() => new(Kind, Id, RevokedAt, ExpiresAt);

    public static RevocationMessage From(Revocation revocation) => new(revocation.Kind, revocation.Id, revocation.RevokedAt, revocation.ExpiresAt);
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(RevocationMessage))]
internal sealed partial class RevocationJsonContext : JsonSerializerContext;
