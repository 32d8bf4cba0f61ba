namespace PasskeyGateway.Testing;

/// <summary>
/// A clock the test moves by hand. Safe to read from the server's threads while the test moves it: the time is one
/// 64-bit tick count, read and written atomically.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
