using System.Diagnostics;
using System.Text;
using StackExchange.Redis;

namespace PasskeyGateway.Testing;

/// <summary>
/// A private <c>redis-server</c> process on a free loopback port, without persistence, that a test can kill and start
/// again, empty, on the same port. A missing binary fails the test with how to install it: these tests never skip.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    public const string MissingBinaryMessage =
        "redis-server is not installed, and the Redis tests run against a real one. Install it with " +
        "`apt-get install redis-server` (./scripts/test.sh installs it by itself), then run the tests again.";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _output = new();
    private readonly string[] _arguments;
    private Process? _process;

    private RedisServer(int port, string[] arguments)
    {
        Port = port;
        _arguments = arguments;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for the default (password-less) user.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <param name="arguments">
    /// More <c>redis-server</c> options, kept for every restart: configuration set at run time (<c>ACL SETUSER</c>)
    /// is lost with the process, options such as <c>--user NAME on &gt;PASSWORD ~* &amp;* +@all</c> are not.
    /// </param>
    public static async Task<RedisServer> StartAsync(params string[] arguments)
    {
        var server = new RedisServer(FreePort.Next(), arguments);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Kills the server (SIGKILL: no goodbye to its clients) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>Kills the server and starts a new, empty one on the same port.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await StartProcessAsync();
    }

    /// <summary>A connection as the default user, for setting up ACL users and looking at keys behind the store's back.</summary>
    public Task<ConnectionMultiplexer> ConnectAdminAsync() =>
        ConnectionMultiplexer.ConnectAsync($"{Configuration},allowAdmin=true,connectTimeout=5000,asyncTimeout=5000");

    public ValueTask DisposeAsync() => new(KillAsync());

    private async Task StartProcessAsync()
    {
        var binary = FindBinary() ?? throw new InvalidOperationException(MissingBinaryMessage);
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = ["--save", "", "--appendonly", "no", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", .. _arguments];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data, ready);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data, ready);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server on port {Port} exited at start:\n{Output()}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"redis-server on port {Port} was not ready within {StartTimeout}:\n{Output()}");
        }
    }

    private void OnOutput(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static string? FindBinary() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);
}
