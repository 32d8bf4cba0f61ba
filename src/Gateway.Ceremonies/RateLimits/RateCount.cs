namespace PasskeyGateway.Ceremonies.RateLimits;

/// <summary>How many hits a key has in its current window, and when that window ends.</summary>
public readonly record struct RateCount(long Count, DateTimeOffset ResetsAt)
{
    /// <summary>Answered when a counter cannot count (full): every limit is exceeded, so the check fails closed.</summary>
    public static RateCount Exceeded(DateTimeOffset resetsAt) => new(long.MaxValue, resetsAt);
}
