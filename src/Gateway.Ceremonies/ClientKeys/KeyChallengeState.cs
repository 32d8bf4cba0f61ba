using System.Text.Json.Serialization;

namespace PasskeyGateway.Ceremonies.ClientKeys;

/// <summary>
/// What a device or biometric-key ceremony remembers with its challenge: who it was issued to, and for a device
/// verification or a key-first biometric sign-in, the device or key that must answer it.
/// </summary>
internal sealed record KeyChallengeState
{
    /// <summary>The session's user; for a username-first biometric sign-in, the named user ("" when unknown: no key matches).</summary>
    public string? UserId { get; init; }

    public string? SessionId { get; init; }

    public string? DeviceId { get; init; }

    public string? KeyId { get; init; }
}

[JsonSerializable(typeof(KeyChallengeState))]
internal sealed partial class KeyChallengeStateJsonContext : JsonSerializerContext;
