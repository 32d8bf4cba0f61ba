namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:Redis</c>, and the warning when there is none.</summary>
internal static class RedisOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        if (options.Redis is not { } redis)
        {
            problems.Add(ConfigProblem.Warning("Gateway.Redis", "not configured: challenges and revocations live in this process, so run one replica only."));
            return;
        }

        if (string.IsNullOrWhiteSpace(redis.Configuration))
        {
            problems.Add(ConfigProblem.Error("Gateway.Redis.Configuration", "required when the Redis section is present (a redis:// URL or a StackExchange.Redis configuration string)."));
        }
        else if (!Ceremonies.Redis.RedisConnectionSettings.TryParse(redis.Configuration, redis.KeyPrefix, out _, out var error))
        {
            // The message of the parser never repeats the password.
            problems.Add(ConfigProblem.Error("Gateway.Redis.Configuration", error));
        }
    }
}
