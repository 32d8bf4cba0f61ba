using System.Collections.Concurrent;

namespace PasskeyGateway.Ceremonies.RateLimits;

/// <summary>
/// Rate windows in this process: the single-replica default, and the fallback of <see cref="RedisRateCounter"/>
/// while Redis is unreachable. Bounded: expired windows are swept as new keys arrive, and when
/// <see cref="Capacity"/> live windows exist a new key is answered as over every limit (fail closed) rather than
/// letting a flood of addresses grow the table or push out the windows of the addresses it limits.
/// </summary>
internal sealed class InMemoryRateCounter(TimeProvider timeProvider, int capacity = InMemoryRateCounter.DefaultCapacity) : IRateCounter
{
    public const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _sweepLock = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public int Capacity { get; } = capacity;

    public ValueTask<RateCount> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (!_windows.ContainsKey(key) && _windows.Count >= Capacity && !Sweep(now, force: true))
        {
            return ValueTask.FromResult(RateCount.Exceeded(now + window));
        }

        Sweep(now, force: false);
        var current = _windows.AddOrUpdate(
            key,
            static (_, state) => new Window(1, state.now + state.window),
            static (_, existing, state) => existing.ResetsAt <= state.now ? new Window(1, state.now + state.window) : existing with { Count = existing.Count + 1 },
            (now, window));
        return ValueTask.FromResult(new RateCount(current.Count, current.ResetsAt));
    }

    public ValueTask<RateCount> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return ValueTask.FromResult(_windows.TryGetValue(key, out var window) && window.ResetsAt > now
            ? new RateCount(window.Count, window.ResetsAt)
            : new RateCount(0, now));
    }

    /// <summary>Removes ended windows, at most once a second unless forced; answers whether there is room for one more.</summary>
    private bool Sweep(DateTimeOffset now, bool force)
    {
        lock (_sweepLock)
        {
            if (force || now >= _nextSweep)
            {
                _nextSweep = now + TimeSpan.FromSeconds(1);
                foreach (var (key, window) in _windows)
                {
                    if (window.ResetsAt <= now)
                    {
                        _windows.TryRemove(new KeyValuePair<string, Window>(key, window));
                    }
                }
            }

            return _windows.Count < Capacity;
        }
    }

    private sealed record Window(long Count, DateTimeOffset ResetsAt);
}
