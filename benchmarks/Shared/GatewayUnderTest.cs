using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PasskeyGateway.Benchmarks;

/// <summary>
/// The gateway as it is deployed: the Release build run by <c>dotnet gateway.dll --config FILE --urls URL</c> in a
/// process of its own (as the integration tests' GatewayServerProcess starts replicas), its output copied to log
/// files as raw bytes, its memory read from /proc.
/// </summary>
/// <remarks>
/// The output is copied, not read line by line: the console logger blocks the gateway's logging threads once its
/// queue is full, so a reader slower than the gateway's logging would slow the gateway down. Its entries are counted
/// from the file afterwards.
/// </remarks>
internal sealed partial class GatewayUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly FileStream _output;
    private readonly FileStream _error;
    private readonly Task _reading;

    private GatewayUnderTest(Process process, string dll, string configPath, int port, string logPath)
    {
        _process = process;
        Dll = dll;
        ConfigPath = configPath;
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        LogPath = logPath;
        _output = new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        _error = new FileStream(ErrorLogPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        _reading = Task.WhenAll(
            process.StandardOutput.BaseStream.CopyToAsync(_output),
            process.StandardError.BaseStream.CopyToAsync(_error));
    }

    public string Dll { get; }

    public string ConfigPath { get; }

    public Uri Address { get; }

    /// <summary>Standard output: the console logger's entries.</summary>
    public string LogPath { get; }

    /// <summary>Standard error: empty unless the runtime itself had something to say (a crash).</summary>
    public string ErrorLogPath => LogPath + ".stderr";

    public int ProcessId => _process.Id;

    public static string MissingBuildMessage(string dll) =>
        $"{dll} does not exist: build the gateway first (dotnet build src/Gateway -c Release), as the benchmarks/*.sh scripts do.";

    public static async Task<GatewayUnderTest> StartAsync(string dll, string configPath, int port, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException(MissingBuildMessage(dll));
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, "--config", configPath, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("GATEWAY_CONFIG");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var gateway = new GatewayUnderTest(Process.Start(start)!, dll, configPath, port, logPath);
        try
        {
            using var client = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(10) };
            await Wait.UntilAsync(
                async () =>
                {
                    if (gateway._process.HasExited)
                    {
                        throw new InvalidOperationException($"The gateway exited with {gateway._process.ExitCode} before it was ready; its output is in {logPath}.");
                    }

                    try
                    {
                        // Ready, not only alive: Redis connected and the store's schema in place.
                        using var response = await client.GetAsync("/readyz");
                        return response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                StartTimeout,
                "The gateway answering /readyz with 200");
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>An access token from <c>gateway token issue</c> with the gateway's own configuration and key.</summary>
    public async Task<string> IssueTokenAsync(string subject, TimeSpan lifetime) =>
        (await ChildProcess.RunAsync(
            "dotnet",
            [Dll, "token", "issue", "--config", ConfigPath, "--sub", subject, "--lifetime", lifetime.ToString("c", CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(60))).Trim();

    /// <summary>Resident memory now (VmRSS) and at its highest so far (VmHWM), in MiB.</summary>
    public (double Rss, double Peak) Memory()
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024.0;
            }
        }

        return (rss, peak);
    }

    /// <summary>How many log entries of each level the gateway wrote so far, and its error entries by category and event id.</summary>
    public async Task<(IReadOnlyDictionary<string, long> Levels, IReadOnlyDictionary<string, long> Failures)> LogSummaryAsync()
    {
        var levels = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var failures = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await foreach (var header in EntryHeadersAsync())
        {
            var level = header.Groups["level"].Value;
            levels[level] = levels.GetValueOrDefault(level) + 1;
            if (level is "fail" or "crit")
            {
                var source = $"{level}: {header.Groups["source"].Value}";
                failures[source] = failures.GetValueOrDefault(source) + 1;
            }
        }

        return (levels, failures);
    }

    /// <summary>How many log entries with the event id the gateway wrote so far, whatever their level and category.</summary>
    public async Task<long> CountLogEventAsync(int eventId)
    {
        var id = eventId.ToString(CultureInfo.InvariantCulture);
        long count = 0;
        await foreach (var header in EntryHeadersAsync())
        {
            if (header.Groups["event"].Value == id)
            {
                count++;
            }
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _reading;
        _process.Dispose();
        await _output.DisposeAsync();
        await _error.DisposeAsync();
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>
    /// The console logger's entry headers so far ("warn: Category[EventId]"). Only headers are read: the reports
    /// repeat category and event id, never a message.
    /// </summary>
    private async IAsyncEnumerable<Match> EntryHeadersAsync()
    {
        await _output.FlushAsync();
        using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        while (await reader.ReadLineAsync() is { } line)
        {
            if (EntryHeader().Match(line) is { Success: true } header)
            {
                yield return header;
            }
        }
    }

    [GeneratedRegex(@"^(?<level>trce|dbug|info|warn|fail|crit): (?<source>[^\s]+\[(?<event>\d+)\])")]
    private static partial Regex EntryHeader();
}
