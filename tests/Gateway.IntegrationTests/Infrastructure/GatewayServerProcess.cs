using System.Diagnostics;
using System.Net;
using System.Text;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A gateway serving in a process of its own (a replica, or the published image as its container starts it): started
/// from a <see cref="ProcessStartInfo"/>, ready once <c>/healthz</c> answers, its output kept, killed on stop.
/// </summary>
public sealed class GatewayServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _reading;

    private GatewayServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _reading = Task.WhenAll(Drain(process.StandardOutput), Drain(process.StandardError));
    }

    public Uri Address { get; }

    /// <summary>No cookies, no redirects: every response is seen as the gateway sent it.</summary>
    public HttpClient Client { get; }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
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

    /// <summary>Starts <paramref name="start"/> (its output redirected here) and returns once <c>/healthz</c> at <paramref name="address"/> answers.</summary>
    /// <param name="exitHint">Said when the process exits before answering, after its exit code.</param>
    public static async Task<GatewayServerProcess> StartAsync(ProcessStartInfo start, Uri address, string exitHint = "")
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var server = new GatewayServerProcess(Process.Start(start)!, address);
        try
        {
            await Eventually.UntilAsync(
                async () =>
                {
                    if (server._process.HasExited)
                    {
                        await server._reading;
                        Assert.Fail($"The gateway exited with {server._process.ExitCode} before answering /healthz{exitHint}:{Environment.NewLine}{server.Output}");
                    }

                    try
                    {
                        using var response = await server.Client.GetAsync("/healthz");
                        return response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        // Not listening yet.
                        return false;
                    }
                },
                StartTimeout,
                "The gateway answering /healthz",
                () => Task.FromResult(server.Output));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the process dead (SIGSTOP), as a hung node or a paused VM would: its sockets stay open, it answers nothing.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>Lets a frozen process run again (SIGCONT).</summary>
    public void Thaw() => Signal("CONT");

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

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -s {signal} {_process.Id} exited with {kill.ExitCode}.");
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
