namespace PasskeyGateway.Ceremonies.Redis;

/// <summary>
/// A command was not sent because Redis let another one time out less than a command timeout ago: an unavailability,
/// like the timeout itself.
/// </summary>
public sealed class RedisStalledException : TimeoutException
{
    public RedisStalledException()
        : base("Redis did not answer a command a moment ago; no command is sent to it until it answers again.")
    {
    }

    public RedisStalledException(string message)
        : base(message)
    {
    }

    public RedisStalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
