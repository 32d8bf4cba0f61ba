using System.Diagnostics;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>Runs the real <c>gateway</c> command (the built gateway.dll) as a child process.</summary>
public static class GatewayProcess
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "gateway.dll");

    /// <summary>Runs a command to its end (within a minute) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = StartInfo(arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Serves (<c>gateway --config PATH --urls http://127.0.0.1:PORT</c>) until disposed, as one replica of many;
    /// returns once <c>/healthz</c> answers. <paramref name="environment"/> overrides settings as a pod's variables do.
    /// </summary>
    public static Task<GatewayServerProcess> StartAsync(string configPath, int port, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(["--config", configPath, "--urls", $"http://127.0.0.1:{port}"]);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return GatewayServerProcess.StartAsync(start, new Uri($"http://127.0.0.1:{port}/"));
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("GATEWAY_CONFIG");
        return start;
    }
}
