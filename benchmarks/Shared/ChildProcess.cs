using System.Diagnostics;

namespace PasskeyGateway.Benchmarks;

/// <summary>Runs a command to its end and returns its standard output; a non-zero exit is an exception with its error output.</summary>
internal static class ChildProcess
{
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The gateway's own variable would override --config.
        start.Environment.Remove("GATEWAY_CONFIG");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} did not finish within {timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', start.ArgumentList.Skip(1).Take(2))} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }
}
