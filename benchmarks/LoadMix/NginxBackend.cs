using System.Diagnostics;
using System.Globalization;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// The backend: one nginx worker answering 200 "ok" to everything, the same as benchmarks/proxy-overhead.sh uses,
/// so the figures here and there measure the gateway and not the app behind it.
/// </summary>
internal sealed class NginxBackend : IAsyncDisposable
{
    public const string MissingBinaryMessage = "nginx is not installed: apt-get install nginx (benchmarks/soak.sh installs it by itself).";

    private static readonly string[] Binaries = ["/usr/sbin/nginx", "/usr/bin/nginx"];

    private readonly Process _process;

    private NginxBackend(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public static async Task<NginxBackend> StartAsync(string workDirectory)
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(MissingBinaryMessage);
        var port = FreePort.Next();
        var directory = Directory.CreateDirectory(Path.Combine(workDirectory, "nginx")).FullName;
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes 1;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log;
            events { worker_connections 4096; }
            http {
              access_log off;
              server { listen 127.0.0.1:{{port}}; location / { return 200 "ok\n"; } }
            }
            """);
        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", config, "-p", directory })
        {
            start.ArgumentList.Add(argument);
        }

        var backend = new NginxBackend(Process.Start(start)!, port);
        try
        {
            using var client = new HttpClient();
            await Wait.UntilAsync(
                async () =>
                {
                    try
                    {
                        using var response = await client.GetAsync(backend.Address);
                        return response.IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return !backend._process.HasExited ? false : throw new InvalidOperationException($"nginx exited: {await backend._process.StandardError.ReadToEndAsync()}");
                    }
                },
                TimeSpan.FromSeconds(20),
                "nginx answering");
            return backend;
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
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
}
