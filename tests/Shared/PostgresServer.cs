using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace PasskeyGateway.Testing;

/// <summary>
/// A private PostgreSQL cluster: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c> on a free loopback port,
/// trust authentication on 127.0.0.1 only, no durability (fsync off: the data dies with the folder anyway). PostgreSQL
/// refuses to run as root, so as root the binaries run as the <c>postgres</c> user that Debian's package creates. A
/// missing installation fails the test with how to install it: these tests never skip.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    public const string MissingBinaryMessage =
        "PostgreSQL is not installed (no initdb and pg_ctl under /usr/lib/postgresql/*/bin or on the PATH), and the " +
        "PostgreSQL tests run against a real server. Install it with `apt-get install postgresql` (./scripts/test.sh " +
        "installs it by itself), then run the tests again.";

    private const string SuperUser = "postgres";
    private const int StartAttempts = 3;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string _binDirectory;
    private readonly bool _runAsPostgresUser;
    private readonly string _folder;

    private PostgresServer(string binDirectory, bool runAsPostgresUser, string folder)
    {
        _binDirectory = binDirectory;
        _runAsPostgresUser = runAsPostgresUser;
        _folder = folder;
    }

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_folder, "data");

    private string LogFile => Path.Combine(_folder, "server.log");

    public static async Task<PostgresServer> StartAsync()
    {
        var binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(MissingBinaryMessage);
        var runAsPostgresUser = Environment.IsPrivilegedProcess;

        // As root, the postgres user creates the folder, so that it owns the data directory initdb makes inside.
        var folder = runAsPostgresUser
            ? (await RunAsync(RunUser, ["-u", SuperUser, "--", "mktemp", "-d", Path.Combine(Path.GetTempPath(), "gateway-postgres-XXXXXX")])).Trim()
            : Directory.CreateTempSubdirectory("gateway-postgres-").FullName;
        var server = new PostgresServer(binDirectory, runAsPostgresUser, folder);
        try
        {
            // UTF8 whatever the test process's locale: usernames are Unicode. --no-sync: nothing here outlives the run.
            await server.RunToolAsync("initdb", "-D", server.DataDirectory, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions");
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> as the superuser; without a pool unless asked.</summary>
    public string ConnectionString(string database, bool pooling = false) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Database = database,
            Pooling = pooling,
        }.ConnectionString;

    /// <summary>Runs SQL on <paramref name="database"/> through a connection of its own, and returns every row.</summary>
    public async Task<List<object?[]>> QueryAsync(string database, string sql, string? searchPath = null)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString(database)) { SearchPath = searchPath }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ReadAllRowsAsync();
    }

    /// <summary>Stops the server without a checkpoint (immediate: nothing is kept) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunToolAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task StartServerAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            var options = string.Join(
                ' ',
                $"-c port={Port.ToString(CultureInfo.InvariantCulture)}",
                "-c listen_addresses=127.0.0.1",
                $"-c unix_socket_directories={_folder}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off");
            try
            {
                await RunToolAsync("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-o", options, "-w", "-t", "60", "start");
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && ServerLog().Contains("could not bind", StringComparison.Ordinal))
            {
                // Another process took the free port between the probe and the bind: try another one.
            }
        }
    }

    private async Task RunToolAsync(string tool, params string[] arguments)
    {
        var binary = Path.Combine(_binDirectory, tool);
        try
        {
            await (_runAsPostgresUser ? RunAsync(RunUser, ["-u", SuperUser, "--", binary, .. arguments]) : RunAsync(binary, arguments));
        }
        catch (InvalidOperationException failure)
        {
            throw new InvalidOperationException($"{failure.Message}\nServer log ({LogFile}):\n{ServerLog()}", failure);
        }
    }

    private string ServerLog()
    {
        try
        {
            return File.ReadAllText(LogFile);
        }
        catch (IOException)
        {
            return "(none)";
        }
        catch (UnauthorizedAccessException)
        {
            return "(unreadable)";
        }
    }

    private static async Task<string> RunAsync(string fileName, string[] arguments)
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await error}");
        }

        return await output;
    }

    private static string RunUser => File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "runuser";

    /// <summary>Debian's versioned folders, newest first, then the PATH (a developer's own installation).</summary>
    private static string? FindBinDirectory()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var number) ? number : 0, Bin: Path.Combine(version, "bin")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return debian.Concat(path).FirstOrDefault(directory => Installed(Path.Combine(directory, "initdb")) && Installed(Path.Combine(directory, "pg_ctl")));
    }

    /// <summary>A file, or a link to one: File.Exists is true for a link whose target is gone (an uninstalled package's).</summary>
    private static bool Installed(string path)
    {
        var file = new FileInfo(path);
        return file.LinkTarget is null ? file.Exists : file.ResolveLinkTarget(returnFinalTarget: true)?.Exists == true;
    }
}
