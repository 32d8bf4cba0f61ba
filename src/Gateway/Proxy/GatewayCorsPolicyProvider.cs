using Microsoft.AspNetCore.Cors.Infrastructure;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Proxy;

/// <summary>
/// The CORS policies a route's <c>CorsPolicy</c> names, built from the current configuration (<c>Gateway:Cors</c>),
/// so a reload changes them with the routes. A name that is not configured has no policy: CORS then lets nothing through.
/// </summary>
internal sealed class GatewayCorsPolicyProvider(GatewayConfigAccessor config) : ICorsPolicyProvider
{
    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) =>
        Task.FromResult(policyName is not null && config.Current.Options.Cors.TryGetValue(policyName, out var options) ? Build(options) : null);

    public static CorsPolicy Build(CorsPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new CorsPolicyBuilder();
        if (options.Origins.Contains("*"))
        {
            builder.AllowAnyOrigin();
        }
        else
        {
            builder.WithOrigins([.. options.Origins]);
        }

        builder.WithMethods(options.Methods.Count == 0 ? ["GET", "HEAD", "POST"] : [.. options.Methods]);
        if (options.Headers.Count > 0)
        {
            builder.WithHeaders([.. options.Headers]);
        }

        if (options.AllowCredentials)
        {
            builder.AllowCredentials();
        }

        if (options.MaxAge is { } maxAge)
        {
            builder.SetPreflightMaxAge(maxAge);
        }

        return builder.Build();
    }
}
