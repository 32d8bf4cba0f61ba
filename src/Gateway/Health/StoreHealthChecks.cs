using Microsoft.Extensions.Diagnostics.HealthChecks;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Redis;
using PasskeyGateway.Ceremonies.Revocations;

namespace PasskeyGateway.Health;

/// <summary>Ready while the credential repository answers a query.</summary>
internal sealed class CredentialStoreHealthCheck(IUserRepository repository) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await repository.FindUserAsync("readiness-probe", cancellationToken);
            return HealthCheckResult.Healthy("credential store reachable");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"credential store unreachable: {e.GetType().Name}");
        }
    }
}

/// <summary>
/// Ready while Redis is connected: without it ceremonies answer 503 (proxying of signed-in users goes on, checked
/// against the revocations this replica holds).
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var database = await redis.GetDatabaseAsync(cancellationToken);
            var latency = await redis.Bounded(database.PingAsync(), cancellationToken);
            return HealthCheckResult.Healthy($"Redis reachable ({latency.TotalMilliseconds:0.0} ms)");
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            // The sentence the challenge store logs (where, and why: down, too slow, or credentials refused), built
            // from failure kinds and the redacted settings, never from the configuration string or the library's text.
            return HealthCheckResult.Unhealthy(RedisFailure.Describe(redis.Settings, e));
        }
    }
}

/// <summary>
/// Ready while this replica has heard Redis or read the store's revocations within <c>Gateway:Revocations:MaxStaleness</c>;
/// past it, authenticated requests answer <c>503 revocations-stale</c> until it has (DESIGN.md §11.6).
/// </summary>
internal sealed class RevocationFreshnessHealthCheck(DurableRevocationList revocations) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(revocations.IsStale
            ? HealthCheckResult.Unhealthy("revocations stale: neither Redis nor the credential store heard for longer than Gateway:Revocations:MaxStaleness")
            : HealthCheckResult.Healthy($"revocations current ({revocations.Count} held)"));
}
