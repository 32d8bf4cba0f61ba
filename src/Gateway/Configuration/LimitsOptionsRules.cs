namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:Limits</c>, <c>Gateway:RateLimits</c> and <c>Gateway:Metrics</c>: numbers within their range.</summary>
internal static class LimitsOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        ConfigRules.RequireWithin(options.Limits.MaxCeremonyBodyBytes, 1024, 10 * 1024 * 1024, "Gateway.Limits.MaxCeremonyBodyBytes", problems);
        ConfigRules.RequireWithin(options.RateLimits.CeremoniesPerMinute, 1, 1_000_000, "Gateway.RateLimits.CeremoniesPerMinute", problems);
        ConfigRules.RequireWithin(options.RateLimits.FailedSignInsPerQuarterHour, 1, 1_000_000, "Gateway.RateLimits.FailedSignInsPerQuarterHour", problems);
        if (options.Metrics.Port is { } port)
        {
            ConfigRules.RequireWithin(port, 1, 65535, "Gateway.Metrics.Port", problems);
        }
    }
}
