namespace PasskeyGateway.Ceremonies.RateLimits;

/// <summary>
/// Fixed-window counters for rate limits: the first hit of a key opens a window of the given length, and the count
/// goes back to zero when it ends. With Redis, every replica counts in the same windows, so N replicas do not give N
/// times the limit; without it, in this process.
/// </summary>
public interface IRateCounter
{
    /// <summary>Counts one more hit of <paramref name="key"/> and answers the count so far in its window.</summary>
    ValueTask<RateCount> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>The count of <paramref name="key"/> in its window, without counting (zero when no window is open).</summary>
    ValueTask<RateCount> ReadAsync(string key, CancellationToken cancellationToken);
}
