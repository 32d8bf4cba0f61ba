using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using System.Text;

namespace PasskeyGateway.IntegrationTests.Deployment;

/// <summary>
/// The published gateway started the way its container starts it: the image's ENTRYPOINT in its WORKDIR with its ENV,
/// as its non-root USER, on a read-only root filesystem where only the data directory can be written (a mount
/// namespace remounts / read-only and keeps the data directory a writable bind mount, as a pod's emptyDir is).
/// Not running as root, the namespace is a user namespace and the gateway keeps the caller's own non-root user.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ContainerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _reading;

    private ContainerProcess(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(Drain(process.StandardOutput), Drain(process.StandardError));
    }

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the gateway with <paramref name="configPath"/>, listening on 127.0.0.1:<paramref name="port"/>; returns once /healthz answers.</summary>
    public static async Task<ContainerProcess> StartAsync(ImageBuild image, string configPath, string dataDirectory, int port)
    {
        var entrypoint = Assert.Single(image.Dockerfile.Final.All("ENTRYPOINT")).ExecForm!;
        var user = Assert.Single(image.Dockerfile.Final.All("USER")).Arguments.Split(':');
        var asRoot = Environment.UserName == "root";

        // sh runs the mounts, then execs into the gateway: one process to stop, whose exit code is the gateway's.
        var script = "mount --bind \"$GATEWAY_DATA\" \"$GATEWAY_DATA\" && mount -o remount,bind,ro / && exec "
            + (asRoot ? $"setpriv --reuid={user[0]} --regid={user[1]} --clear-groups -- " : "")
            + "\"$@\"";
        var start = new ProcessStartInfo("unshare")
        {
            WorkingDirectory = image.PublishDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var arguments = asRoot ? new List<string>() : ["--user", "--map-root-user"];
        arguments.AddRange(["--mount", "--propagation", "private", "--", "sh", "-c", script, "gateway", .. entrypoint]);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in image.Dockerfile.Final.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["GATEWAY_CONFIG"] = configPath;
        start.Environment["GATEWAY_DATA"] = dataDirectory;

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("unshare (util-linux) is needed to start the gateway on a read-only root filesystem: apt-get install util-linux.", e);
        }

        var container = new ContainerProcess(process);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                await container._reading;
                Assert.Fail($"The gateway exited with {process.ExitCode} before answering /healthz (unshare needs root or unprivileged user namespaces):{Environment.NewLine}{container.Output}");
            }

            try
            {
                using var response = await container.Client.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return container;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > StartTimeout)
            {
                await container.DisposeAsync();
                Assert.Fail($"The gateway did not answer /healthz within {StartTimeout}:{Environment.NewLine}{container.Output}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _reading;
        _process.Dispose();
    }

    private async Task Drain(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
