using Microsoft.Extensions.Configuration;

namespace PasskeyGateway.Configuration;

/// <summary>
/// The <c>Gateway</c> section as the process started with it: bound, normalized and validated once, inside
/// <c>AddGateway</c>, so that the services are registered from these typed options (which stores, which log format,
/// which metrics port) rather than from configuration strings. Its problems are reported with the routes' when the
/// configuration is first loaded: a broken section stops startup with every problem listed.
/// </summary>
internal sealed record GatewayStartupOptions(GatewayOptions Options, IReadOnlyList<ConfigProblem> Problems)
{
    public static GatewayStartupOptions Load(IConfiguration configuration, GatewayConfigFile file)
    {
        var problems = new List<ConfigProblem>();
        var options = GatewayConfigLoader.LoadGatewaySection(configuration, file, problems);
        return new GatewayStartupOptions(options, problems);
    }
}
