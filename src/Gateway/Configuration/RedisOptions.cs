namespace PasskeyGateway.Configuration;

public sealed record RedisOptions
{
    /// <summary>A <c>redis://</c>/<c>rediss://</c> URL or a StackExchange.Redis configuration string.</summary>
    public string? Configuration { get; init; }

    public string KeyPrefix { get; init; } = "gateway";
}
