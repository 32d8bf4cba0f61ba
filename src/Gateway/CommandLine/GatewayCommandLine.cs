using System.CommandLine;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.CommandLine;

/// <summary>
/// <c>gateway</c> (serve, the default), <c>gateway check-config</c>, <c>gateway token issue</c> (DESIGN.md §9).
/// Tokens the parser does not know (<c>--urls</c>, <c>--environment</c>) go to ASP.NET Core.
/// </summary>
internal static class GatewayCommandLine
{
    public static RootCommand Create()
    {
        var config = new Option<string?>("--config")
        {
            Description = $"The configuration file (default: ${GatewayConfigFile.EnvironmentVariable}, else {GatewayConfigFile.DefaultPath}).",
            Recursive = true,
        };
        var root = new RootCommand("PasskeyGateway: an authentication gateway in front of unmodified web apps.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Options.Add(config);
        root.SetAction((result, cancellationToken) => ServeCommand.RunAsync(result, config, cancellationToken));
        root.Subcommands.Add(CheckConfigCommand.Create(config));
        root.Subcommands.Add(TokenCommand.Create(config));
        root.Subcommands.Add(UserCommand.Create(config));
        root.Subcommands.Add(ExplainCommand.Create(config));
        return root;
    }
}
