using System.CommandLine;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.CommandLine;

/// <summary>Runs the gateway until stopped. A configuration problem ends it with exit code 1 and every problem listed.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(ParseResult result, Option<string?> config, CancellationToken cancellationToken)
    {
        var unmatched = result.UnmatchedTokens;
        if (unmatched.Count > 0 && !unmatched[0].StartsWith('-'))
        {
            await Console.Error.WriteLineAsync($"Unknown command '{unmatched[0]}'. Commands: check-config, token issue; --help for more.");
            return 1;
        }

        try
        {
            await using var app = GatewayApp.Build([.. unmatched], GatewayConfigFile.Locate(result.GetValue(config)));
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (GatewayConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
