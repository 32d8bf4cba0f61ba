using Fido2NetLib.Objects;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PasskeyGateway.Ceremonies.Passkeys;
using PasskeyGateway.Ceremonies.Passkeys.Metadata;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Passkeys;

/// <summary>The passkey ceremonies, their settings from <c>Gateway:Passkeys</c> and the offline metadata service.</summary>
internal static class PasskeyServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayPasskeys(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => CreateSettings(sp.GetRequiredService<GatewayOptions>()));
        services.TryAddSingleton(sp => new PasskeyVerifier(
            sp.GetRequiredService<PasskeySettings>(),
            CreateMetadataService(sp),
            sp.GetRequiredService<ILogger<PasskeyVerifier>>()));
        services.TryAddSingleton<PasskeyCeremonies>();
        return services;
    }

    private static PasskeySettings CreateSettings(GatewayOptions options)
    {
        var passkeys = options.Passkeys;
        return new PasskeySettings
        {
            RelyingPartyId = options.RelyingParty.Id,
            RelyingPartyName = options.RelyingParty.Name,
            Origins = options.RelyingParty.Origins.ToHashSet(StringComparer.Ordinal),
            UserVerification = passkeys.UserVerification,
            ResidentKey = passkeys.ResidentKey,
            Attestation = passkeys.Attestation,
            AllowedAaguids = passkeys.AllowedAaguids.ToHashSet(),
            DeniedAaguids = passkeys.DeniedAaguids.ToHashSet(),
            ChallengeLifetime = passkeys.ChallengeLifetime,
        };
    }

    /// <summary>The offline metadata service when <c>MetadataBlob</c> and <c>MetadataRoot</c> are configured, else none.</summary>
    private static OfflineMetadataService? CreateMetadataService(IServiceProvider services)
    {
        var options = services.GetRequiredService<GatewayOptions>().Passkeys;
        if (options.MetadataBlob is null || options.MetadataRoot is null)
        {
            return null;
        }

        var gateway = services.GetRequiredService<GatewayOptions>();
        return new OfflineMetadataService(
            options.MetadataBlob,
            options.MetadataRoot,
            gateway.DataDirectory,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<OfflineMetadataService>>());
    }
}
