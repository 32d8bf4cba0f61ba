namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>A clock a test moves by hand; starts at the real time so tokens and certificates look ordinary.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
