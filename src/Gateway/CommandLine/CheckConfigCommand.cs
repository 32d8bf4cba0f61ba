using System.CommandLine;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.CommandLine;

/// <summary>
/// <c>gateway check-config</c>: validates the configuration as the gateway would at startup and prints every problem
/// with its JSON path. Exit code 1 on any error; warnings alone exit 0 (DESIGN.md §10).
/// </summary>
internal static class CheckConfigCommand
{
    public static Command Create(Option<string?> config)
    {
        var command = new Command("check-config", "Validate the configuration and print every problem.");
        command.SetAction(async (result, cancellationToken) =>
        {
            var file = GatewayConfigFile.Locate(result.GetValue(config));
            IReadOnlyList<ConfigProblem> problems;
            try
            {
                await using var app = GatewayApp.BuildForCommand(file);
                var loader = app.Services.GetRequiredService<GatewayConfigLoader>();
                (_, problems) = await loader.LoadAsync(app.Configuration, generation: 1);
            }
            catch (GatewayConfigurationException e)
            {
                problems = e.Problems;
            }

            foreach (var problem in problems.OrderByDescending(p => p.Severity))
            {
                await (problem.Severity == ConfigProblemSeverity.Error ? Console.Error : Console.Out).WriteLineAsync(problem.ToString());
            }

            var errors = problems.Count(p => p.Severity == ConfigProblemSeverity.Error);
            await Console.Out.WriteLineAsync($"{file.FullPath}: {errors} error(s), {problems.Count - errors} warning(s).");
            return errors > 0 ? 1 : 0;
        });
        return command;
    }
}
