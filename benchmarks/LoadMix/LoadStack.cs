using System.Globalization;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// Everything a run needs, as real processes on this machine: the nginx backend, a redis-server and a private
/// PostgreSQL cluster when asked for, the gateway in front of them, a client with one long-lived access token, and
/// users registered through the gateway's own registration endpoints.
/// </summary>
internal sealed class LoadStack : IAsyncDisposable
{
    private const string DatabaseName = "loadmix";

    private readonly string _workDirectory;
    private readonly List<IAsyncDisposable> _parts = [];
    private IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();

    private LoadStack(string workDirectory) => _workDirectory = workDirectory;

    public GatewayUnderTest Gateway { get; private set; } = null!;

    public MixClient Client { get; private set; } = null!;

    /// <summary>The replay check's own client: its posts, held up by an outage, must not queue the mix's behind them.</summary>
    public MixClient ReplayClient { get; private set; } = null!;

    public UserPool Users { get; } = new();

    public RedisServer? Redis { get; private set; }

    public PostgresServer? Postgres { get; private set; }

    public string StoreDescription =>
        $"challenges {(Redis is null ? "in memory" : "in Redis")}, users and credentials in {(Postgres is null ? "SQLite" : "PostgreSQL")}"
        + (_environment.Count == 0 ? "" : $"; gateway environment {string.Join(", ", _environment.Select(v => $"{v.Key}={v.Value}"))}");

    public static async Task<LoadStack> StartAsync(LoadMixOptions options, TimeSpan tokenLifetime, TextWriter progress)
    {
        var stack = new LoadStack(Directory.CreateTempSubdirectory("loadmix-").FullName);
        try
        {
            await stack.StartPartsAsync(options, tokenLifetime, progress);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Copies the gateway's log next to the report (and its standard error, when it wrote any), for reading what it said under load.</summary>
    public void KeepGatewayLog(string path)
    {
        File.Copy(Gateway.LogPath, path, overwrite: true);
        if (new FileInfo(Gateway.ErrorLogPath).Length > 0)
        {
            File.Copy(Gateway.ErrorLogPath, path + ".stderr", overwrite: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        ReplayClient?.Dispose();
        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            try
            {
                await _parts[i].DisposeAsync();
            }
            catch (InvalidOperationException)
            {
                // A part that is already gone (PostgreSQL stopped by a failed chaos step) must not keep the others alive.
            }
        }

        Directory.Delete(_workDirectory, recursive: true);
    }

    private async Task StartPartsAsync(LoadMixOptions options, TimeSpan tokenLifetime, TextWriter progress)
    {
        var nginx = await NginxBackend.StartAsync(_workDirectory);
        _parts.Add(nginx);

        string? redis = null;
        if (options.Redis)
        {
            Redis = await RedisServer.StartAsync();
            _parts.Add(Redis);
            redis = $"redis://127.0.0.1:{Redis.Port.ToString(CultureInfo.InvariantCulture)}/0";
        }

        string? postgres = null;
        if (options.Postgres)
        {
            Postgres = await PostgresServer.StartAsync();
            _parts.Add(Postgres);
            await Postgres.QueryAsync("postgres", $"CREATE DATABASE {DatabaseName};");
            postgres = Postgres.ConnectionString(DatabaseName, pooling: true);
        }

        _environment = options.GatewayEnvironment;
        var port = FreePort.Next();
        var configPath = Path.Combine(_workDirectory, "gateway.json");
        var config = GatewayConfig.Create(port, nginx.Address, Path.Combine(_workDirectory, "data"), redis, postgres);
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        Gateway = await GatewayUnderTest.StartAsync(options.GatewayDll, configPath, port, options.GatewayEnvironment, Path.Combine(_workDirectory, "gateway.log"));
        _parts.Add(Gateway);
        progress.WriteLine($"gateway on {Gateway.Address} (pid {Gateway.ProcessId}), nginx on {nginx.Address}, {StoreDescription}");


        var token = await Gateway.IssueTokenAsync("soak", tokenLifetime);
        Client = new MixClient(Gateway.Address, token, options.Connections);
        ReplayClient = new MixClient(Gateway.Address, token, options.Connections);
        await RegisterUsersAsync(options.Users, port);
        progress.WriteLine($"{Users.Size} passkey users registered through /.auth/passkeys/registration");
    }

    private async Task RegisterUsersAsync(int count, int port)
    {
        var origin = $"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}";
        var authenticators = Enumerable.Range(0, count).Select(_ => new SoftwareAuthenticator(origin, "localhost")).ToArray();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await Client.RegisterAsync(authenticators[i], $"soak-user-{i.ToString(CultureInfo.InvariantCulture)}"));
        foreach (var authenticator in authenticators)
        {
            Users.Add(authenticator);
        }
    }
}
