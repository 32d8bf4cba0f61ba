using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PasskeyGateway.Authentication;
using PasskeyGateway.Authorization;
using PasskeyGateway.Ceremonies;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.CeremonyHosting;
using PasskeyGateway.Configuration;
using PasskeyGateway.ForwardAuth;
using PasskeyGateway.Headers;
using PasskeyGateway.Health;
using PasskeyGateway.LiveExchanges;
using PasskeyGateway.Observability;
using PasskeyGateway.OpenApi;
using PasskeyGateway.Pages;
using PasskeyGateway.Problems;
using PasskeyGateway.Proxy;
using PasskeyGateway.Security;
using PasskeyGateway.Tokens;
using Yarp.ReverseProxy.Configuration;

namespace PasskeyGateway;

/// <summary><c>builder.AddGateway()</c>: every service of the gateway, in the order a request meets them.</summary>
public static class GatewayBuilderExtensions
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder, GatewayConfigFile configFile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configFile);

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.AddGatewayConfiguration(configFile);
        var startup = GatewayStartupOptions.Load(builder.Configuration, configFile);
        builder.AddGatewayObservability(startup.Options);
        builder.Services
            .AddGatewayCore(startup)
            .AddGatewayTokens()
            .AddGatewayAuthentication()
            .AddGatewayAuthorization()
            .AddGatewayProxy()
            .AddGatewayCeremonies(startup.Options)
            .AddGatewayHealth(startup.Options)
            .AddGatewayOpenApi(startup.Options);
        return builder;
    }

    /// <summary>
    /// The config file goes where appsettings.json would be: after the host's own sources, before environment
    /// variables and the command line, so <c>Gateway__Redis__Configuration=…</c> overrides it (DESIGN.md §9).
    /// appsettings files are removed: the gateway runs from one file.
    /// </summary>
    private static void AddGatewayConfiguration(this WebApplicationBuilder builder, GatewayConfigFile configFile)
    {
        if (!File.Exists(configFile.FullPath))
        {
            throw new GatewayConfigurationException($"The configuration file '{configFile.FullPath}' does not exist (--config, {GatewayConfigFile.EnvironmentVariable} or {GatewayConfigFile.DefaultPath}).");
        }

        var sources = builder.Configuration.Sources;
        foreach (var appSettings in sources.OfType<JsonConfigurationSource>().Where(s => s.Path?.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) == true).ToList())
        {
            sources.Remove(appSettings);
        }

        var source = new GatewayJsonConfigurationSource(configFile);
        var index = sources.Select((s, i) => (s, i)).LastOrDefault(x => x.s is EnvironmentVariablesConfigurationSource { Prefix: null or "" }).i;
        try
        {
            sources.Insert(index > 0 ? index : sources.Count, source);
        }
        catch (InvalidDataException e)
        {
            throw new GatewayConfigurationException($"{configFile.FullPath}: {configFile.LastLoadError ?? e.Message}", e);
        }

        source.Loaded = true;
        builder.Services.AddSingleton(configFile);
    }

    private static IServiceCollection AddGatewayCore(this IServiceCollection services, GatewayStartupOptions startup)
    {
        services.TryAddSingleton(startup);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<SecurityHeaders>();
        services.TryAddSingleton<PageBranding>();
        services.TryAddSingleton<ProblemWriter>();
        services.TryAddSingleton<StoreOutageLog>();
        services.TryAddSingleton<ReverseProxyConfigReader>();
        services.TryAddSingleton<GatewayConfigLoader>();
        services.TryAddSingleton<GatewayConfigAccessor>();
        services.TryAddSingleton<GatewayConfigMonitor>();
        services.TryAddSingleton(sp => sp.GetRequiredService<GatewayConfigMonitor>().Startup);

        // A query or route value that does not bind throws, so the exception handler answers it as a problem (400)
        // rather than minimal APIs' bare 400 without a body.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    private static IServiceCollection AddGatewayTokens(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => SigningKeyRing.Load(sp.GetRequiredService<GatewayOptions>()));
        services.TryAddSingleton<TokenIssuer>();
        services.TryAddSingleton<ValidatedTokenCache>(sp => new ValidatedTokenCache(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<DeviceBindingCache>();
        services.TryAddSingleton<TokenValidator>();
        services.TryAddSingleton<ExternalIssuerRegistry>();
        services.AddHttpClient(ExternalIssuerRegistry.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }

    private static IServiceCollection AddGatewayAuthentication(this IServiceCollection services)
    {
        services.TryAddSingleton<SessionCookie>();
        services.TryAddSingleton<CsrfRule>();
        services.TryAddSingleton<WebSocketOriginRule>();
        // Authentication brings data protection along; the gateway protects nothing with it, so it stays in memory
        // rather than writing a key ring to the home directory (read-only in a hardened container).
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(GatewayAuthenticationDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, GatewayAuthenticationHandler>(GatewayAuthenticationDefaults.Scheme, displayName: null, _ => { });
        return services;
    }

    private static IServiceCollection AddGatewayAuthorization(this IServiceCollection services)
    {
        services.AddAuthorization();
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationPolicyProvider, GatewayAuthorizationPolicyProvider>());
        services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GatewayAuthorizationResultHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, GatewayRequirementHandler>());
        return services;
    }

    private static IServiceCollection AddGatewayProxy(this IServiceCollection services)
    {
        services.TryAddSingleton<TrustedProxies>();
        services.TryAddSingleton<DescribedRequestRouter>();
        services.TryAddSingleton<AccessDecider>();
        services.TryAddSingleton<ForwardAuthHandler>();
        services.TryAddSingleton<IdentityAssertions>();
        services.TryAddSingleton<IdentityHeaderTransform>();
        services.AddCors();
        services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider, GatewayCorsPolicyProvider>());
        services.AddReverseProxy()
            .AddTransforms(context =>
            {
                context.RequestTransforms.Add(context.Services.GetRequiredService<IdentityHeaderTransform>());
                if (RouteMetadataKeys.IsOff(context.Route.Metadata, RouteMetadataKeys.PathCheck))
                {
                    context.RequestTransforms.Add(new RawPathTransform());
                }
            });
        services.Replace(ServiceDescriptor.Singleton<IProxyConfigProvider, GatewayProxyConfigProvider>());

        // Open WebSockets and event streams end when their token is revoked or expires, not only at the next request.
        services.AddLiveExchanges();
        return services;
    }

    private static IServiceCollection AddGatewayHealth(this IServiceCollection services, GatewayOptions options)
    {
        // A SQLite file is this replica's own; a PostgreSQL server is shared by every replica, so it stays out of /readyz/local.
        var sharedStore = options.Store.Provider == StoreProvider.Postgres;
        var checks = services.AddHealthChecks()
            .AddCheck<ConfigurationHealthCheck>("configuration", tags: [HealthEndpoints.ReadinessTag, HealthEndpoints.LocalTag])
            .AddCheck<CredentialStoreHealthCheck>("credential-store", tags: sharedStore ? [HealthEndpoints.ReadinessTag] : [HealthEndpoints.ReadinessTag, HealthEndpoints.LocalTag]);
        if (options.Redis is not null)
        {
            checks.AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadinessTag]);
            // Stale only when Redis and the store are both unheard: a shared outage, kept out of /readyz/local like Redis.
            checks.AddCheck<RevocationFreshnessHealthCheck>("revocations", tags: [HealthEndpoints.ReadinessTag]);
        }

        return services;
    }
}
