using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.ForwardAuth;

/// <summary>
/// A real nginx or Caddy process in front of the gateway and a backend, listening on a loopback port. A missing binary
/// fails the test with how to install it: these tests never skip.
/// </summary>
internal sealed class IngressProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private IngressProcess(Process process)
    {
        _process = process;
    }

    public static async Task<IngressProcess> StartAsync(string binary, string package, int port, params string[] arguments)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Select(directory => Path.Combine(directory, binary))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"{binary} is not installed, and the forward-auth tests run a real one in front of the gateway. Install it with " +
                $"`apt-get install {package}` (./scripts/test.sh installs it by itself), then run the tests again.");

        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var ingress = new IngressProcess(new Process { StartInfo = start });
        ingress._process.OutputDataReceived += (_, e) => ingress.Append(e.Data);
        ingress._process.ErrorDataReceived += (_, e) => ingress.Append(e.Data);
        ingress._process.Start();
        ingress._process.BeginOutputReadLine();
        ingress._process.BeginErrorReadLine();
        await Eventually.UntilAsync(
            async () => ingress._process.HasExited || await AcceptsAsync(port),
            StartTimeout,
            $"{binary} listening on port {port}",
            () => Task.FromResult(ingress.Output()));
        if (ingress._process.HasExited)
        {
            throw new InvalidOperationException($"{binary} exited at start:\n{ingress.Output()}");
        }

        return ingress;
    }

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
