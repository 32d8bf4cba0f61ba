using Microsoft.Extensions.Configuration;
using PasskeyGateway.Authorization;
using PasskeyGateway.Headers;

namespace PasskeyGateway.Configuration;

/// <summary>Binds, normalizes and validates the whole configuration into a snapshot, or the list of its problems.</summary>
internal sealed class GatewayConfigLoader(GatewayConfigFile file, ReverseProxyConfigReader proxyReader, GatewayStartupOptions startup)
{
    /// <summary>
    /// The snapshot of <paramref name="configuration"/>. The first one takes the <c>Gateway</c> section the process
    /// started with (already loaded, <see cref="GatewayStartupOptions"/>); a reload binds it anew.
    /// </summary>
    public async ValueTask<(GatewayConfigSnapshot? Snapshot, IReadOnlyList<ConfigProblem> Problems)> LoadAsync(
        IConfiguration configuration, int generation)
    {
        var problems = new List<ConfigProblem>();
        GatewayOptions options;
        if (generation == 1)
        {
            options = startup.Options;
            problems.AddRange(startup.Problems);
        }
        else
        {
            options = LoadGatewaySection(configuration, file, problems);
        }

        var (routes, clusters) = ReverseProxyConfigReader.Read(configuration, problems);
        await proxyReader.ValidateAsync(routes, clusters, options, problems);

        if (problems.Any(p => p.Severity == ConfigProblemSeverity.Error))
        {
            return (null, problems);
        }

        var snapshot = new GatewayConfigSnapshot(
            options,
            routes,
            clusters,
            GatewayPolicyCompiler.Compile(options.Policies),
            new IdentityHeaderPlan(options.IdentityHeaders!, options.Assertion),
            problems,
            generation);
        return (snapshot, problems);
    }

    /// <summary>The <c>Gateway</c> section bound, normalized and validated; its problems added to <paramref name="problems"/>.</summary>
    public static GatewayOptions LoadGatewaySection(IConfiguration configuration, GatewayConfigFile file, List<ConfigProblem> problems)
    {
        if (file.LastLoadError is { } loadError)
        {
            problems.Add(ConfigProblem.Error(file.FullPath, loadError));
        }

        var section = configuration.GetSection(GatewayOptions.SectionName);
        if (!section.Exists())
        {
            problems.Add(ConfigProblem.Error(GatewayOptions.SectionName, "the Gateway section is missing: without it nothing is protected, so the gateway refuses to start."));
        }

        var bound = new StrictConfigurationBinder(problems).Bind<GatewayOptions>(section);
        var options = GatewayOptionsNormalizer.Normalize(bound, file);
        GatewayOptionsValidator.Validate(options, problems);
        return options;
    }
}
