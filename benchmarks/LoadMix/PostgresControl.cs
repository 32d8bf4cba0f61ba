using PasskeyGateway.Testing;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// Stops and starts the private PostgreSQL cluster of a <see cref="PostgresServer"/> behind the gateway's back, with
/// its own <c>pg_ctl</c>: a fast stop (clients disconnected, a clean shutdown) and a start with the options the server
/// ran with (<c>pg_ctl restart</c> reads them from postmaster.opts, even when the server is already down), so it
/// comes back on the same port. The server tells where its data and binaries are; as root, pg_ctl runs as postgres.
/// </summary>
internal sealed class PostgresControl
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string _pgCtl;
    private readonly string _dataDirectory;

    private PostgresControl(string pgCtl, string dataDirectory)
    {
        _pgCtl = pgCtl;
        _dataDirectory = dataDirectory;
    }

    public static async Task<PostgresControl> ForAsync(PostgresServer server)
    {
        var data = (string)(await server.QueryAsync("postgres", "SHOW data_directory;"))[0][0]!;
        var bin = (string)(await server.QueryAsync("postgres", "SELECT setting FROM pg_config WHERE name = 'BINDIR';"))[0][0]!;
        return new PostgresControl(Path.Combine(bin, "pg_ctl"), data);
    }

    public Task FastStopAsync() => PgCtlAsync("-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "stop");

    /// <summary>Starts the stopped server again; returns once it accepts connections.</summary>
    public Task StartAsync() =>
        PgCtlAsync("-D", _dataDirectory, "-l", Path.Combine(Path.GetDirectoryName(_dataDirectory)!, "server.log"), "-w", "-t", "60", "restart");

    private Task<string> PgCtlAsync(params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? ChildProcess.RunAsync("runuser", ["-u", "postgres", "--", _pgCtl, .. arguments], CommandTimeout)
            : ChildProcess.RunAsync(_pgCtl, arguments, CommandTimeout);
}
