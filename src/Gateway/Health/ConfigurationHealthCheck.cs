using Microsoft.Extensions.Diagnostics.HealthChecks;
using PasskeyGateway.Configuration;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Health;

/// <summary>Ready once the configuration is loaded and a signing key is at hand.</summary>
internal sealed class ConfigurationHealthCheck(GatewayConfigMonitor monitor, SigningKeyRing keys) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = monitor.Current;
        var description = $"configuration generation {snapshot.Generation}; {snapshot.Routes.Count} routes; "
            + $"{keys.Keys.Count} signing key(s){(keys.IsDevelopmentKey ? " (development key)" : "")}; "
            + $"{monitor.RejectedReloads} rejected edit(s)";
        return Task.FromResult(HealthCheckResult.Healthy(description));
    }
}
