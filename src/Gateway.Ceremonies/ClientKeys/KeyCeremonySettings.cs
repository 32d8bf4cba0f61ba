namespace PasskeyGateway.Ceremonies.ClientKeys;

/// <summary>The rules device and biometric-key ceremonies follow, resolved from <c>Gateway:Devices</c>.</summary>
public sealed record KeyCeremonySettings
{
    /// <summary>
    /// Origins accepted in client data (DESIGN.md §10): web origins, and app ids such as
    /// <c>android:apk-key-hash:…</c> or <c>ios:bundle-id:…</c>. Compared exactly.
    /// </summary>
    public required IReadOnlySet<string> Origins { get; init; }

    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromMinutes(2);
}
