using Microsoft.Extensions.DependencyInjection.Extensions;
using PasskeyGateway.Ceremonies.Biometrics;
using PasskeyGateway.Ceremonies.Devices;
using PasskeyGateway.Ceremonies.Keys;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Keys;

/// <summary>Device binding and biometric keys, with their settings from <c>Gateway:Devices</c>.</summary>
internal static class KeyCeremonyServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayKeyCeremonies(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => CreateSettings(sp.GetRequiredService<GatewayOptions>()));
        services.TryAddSingleton<KeyChallenges>();
        services.TryAddSingleton<DeviceCeremonies>();
        services.TryAddSingleton<BiometricCeremonies>();
        return services;
    }

    /// <summary>The origins are normalized already: the relying party's when <c>Devices:Origins</c> is empty.</summary>
    private static KeyCeremonySettings CreateSettings(GatewayOptions options) => new()
    {
        Origins = options.Devices.Origins.ToHashSet(StringComparer.Ordinal),
        ChallengeLifetime = options.Devices.ChallengeLifetime,
    };
}
