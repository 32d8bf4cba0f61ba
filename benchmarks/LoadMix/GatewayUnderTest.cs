using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// The gateway as it is deployed: the Release build run by <c>dotnet gateway.dll --config FILE --urls URL</c> in a
/// process of its own (as the integration tests' GatewayServerProcess starts replicas), its output kept in a log
/// file, its memory read from /proc.
/// </summary>
internal sealed partial class GatewayUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Task _reading;
    private readonly Dictionary<string, long> _levels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _failures = new(StringComparer.Ordinal);

    private GatewayUnderTest(Process process, string dll, string configPath, int port, string logPath)
    {
        _process = process;
        Dll = dll;
        ConfigPath = configPath;
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        LogPath = logPath;
        _log = new StreamWriter(logPath) { AutoFlush = true };
        _reading = Task.WhenAll(DrainAsync(process.StandardOutput), DrainAsync(process.StandardError));
    }

    public string Dll { get; }

    public string ConfigPath { get; }

    public Uri Address { get; }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    public static string MissingBuildMessage(string dll) =>
        $"{dll} does not exist: build the gateway first (dotnet build src/Gateway -c Release), or run benchmarks/soak.sh.";

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

    /// <summary>How many log entries of each level the gateway wrote, and its error entries by category and event id.</summary>
    public (IReadOnlyDictionary<string, long> Levels, IReadOnlyDictionary<string, long> Failures) LogSummary()
    {
        lock (_levels)
        {
            return (new SortedDictionary<string, long>(_levels, StringComparer.Ordinal), new SortedDictionary<string, long>(_failures, StringComparer.Ordinal));
        }
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
        await _log.DisposeAsync();
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_levels)
            {
                _log.WriteLine(line);

                // The console logger's entry header: "warn: Category[EventId]". Only the header is counted: the
                // report repeats category and event id, never a message.
                if (EntryHeader().Match(line) is { Success: true } header)
                {
                    var level = header.Groups["level"].Value;
                    _levels[level] = _levels.GetValueOrDefault(level) + 1;
                    if (level is "fail" or "crit")
                    {
                        var source = $"{level}: {header.Groups["source"].Value}";
                        _failures[source] = _failures.GetValueOrDefault(source) + 1;
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"^(?<level>trce|dbug|info|warn|fail|crit): (?<source>[^\s]+\[\d+\])")]
    private static partial Regex EntryHeader();
}
