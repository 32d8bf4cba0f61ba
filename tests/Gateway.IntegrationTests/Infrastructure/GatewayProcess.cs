using System.Diagnostics;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>Runs the real <c>gateway</c> command (the built gateway.dll) as a child process.</summary>
public static class GatewayProcess
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "gateway.dll");

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("GATEWAY_CONFIG");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
