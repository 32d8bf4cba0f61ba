namespace PasskeyGateway.Configuration;

public sealed record DeviceOptions
{
    /// <summary>Client-data origins accepted for device and biometric keys; default: the relying party origins.</summary>
    public IReadOnlyList<string> Origins { get; init; } = [];

    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromMinutes(2);
}
