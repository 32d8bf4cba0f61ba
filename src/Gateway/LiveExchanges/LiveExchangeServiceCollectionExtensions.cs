using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Transforms.Builder;

namespace PasskeyGateway.LiveExchanges;

/// <summary>Open WebSockets and event streams ended on revocation and expiry: the registry, and YARP's transform builder wrapped.</summary>
internal static class LiveExchangeServiceCollectionExtensions
{
    /// <summary>After <c>AddReverseProxy()</c>, whose <see cref="ITransformBuilder"/> it wraps; a second call changes nothing.</summary>
    public static IServiceCollection AddLiveExchanges(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(LiveExchangeRegistry)))
        {
            return services;
        }

        services.TryAddSingleton<LiveExchangeRegistry>();
        var yarps = services.Last(d => d.ServiceType == typeof(ITransformBuilder));

        // The registry is taken lazily, at the first exchange: transformers are built while the configuration is
        // validated, which the options the registry's revocation list (through its repository) is built from wait on.
        services.Replace(ServiceDescriptor.Singleton<ITransformBuilder>(sp =>
            new LiveExchangeTransformBuilder((ITransformBuilder)Create(sp, yarps), new Lazy<LiveExchangeRegistry>(sp.GetRequiredService<LiveExchangeRegistry>))));
        return services;
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
