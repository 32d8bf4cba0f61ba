using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Two replicas of the gateway as docs/replicas.md runs them: two <c>gateway</c> processes with one configuration
/// file and one signing key, each with a data directory of its own (as pods have), sharing a real redis-server and a
/// PostgreSQL database, in front of one echo backend. One pair per test class (xunit class fixture).
/// </summary>
/// <remarks>
/// Not SQLite: a file shared by two processes works on one machine, but replicas run on different nodes, and the
/// design gives many replicas PostgreSQL (DESIGN.md §7); the pair is the supported setup, schema migration included.
/// </remarks>
public sealed class ReplicaPair(PostgresCluster cluster) : IAsyncLifetime
{
    /// <summary>The origin browsers see, in front of both replicas (a load balancer's); nothing listens there.</summary>
    public const string Origin = "http://localhost:8443";

    private readonly string _directory = Directory.CreateTempSubdirectory("replicas-").FullName;
    private readonly PostgresDatabase _database = new(cluster);
    private EchoBackend? _backend;

    public GatewayServerProcess A { get; private set; } = null!;

    public GatewayServerProcess B { get; private set; } = null!;

    public IReadOnlyList<GatewayServerProcess> Replicas => [A, B];

    internal RedisServer RedisServer { get; private set; } = null!;

    public PostgresDatabase Database => _database;

    /// <summary>The echo backend behind both replicas (its WebSockets record how they ended).</summary>
    public EchoBackend Backend => _backend ?? throw new InvalidOperationException("The replicas have not started.");

    public string ConfigPath => Path.Combine(_directory, "gateway.json");

    public async ValueTask InitializeAsync()
    {
        RedisServer = await RedisServer.StartAsync();
        await _database.InitializeAsync();
        _backend = await EchoBackend.StartAsync();
        var keyPath = Path.Combine(_directory, "signing.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        }

        var config = TestConfig.Create(8443, _backend.Address, Path.Combine(_directory, "data"));
        var gateway = config["Gateway"]!.AsObject();
        gateway["PublicOrigin"] = Origin;
        gateway["Tokens"] = new JsonObject { ["SigningKeys"] = new JsonArray(new JsonObject { ["Path"] = keyPath }) };
        gateway["Redis"] = new JsonObject { ["Configuration"] = $"redis://127.0.0.1:{RedisServer.Port}/0" };
        gateway["Store"] = new JsonObject
        {
            ["Provider"] = "Postgres",
            ["ConnectionString"] = _database.Server.ConnectionString(_database.Name, pooling: true),
        };

        // Information, not the test default Debug: a thousand sign-ins would otherwise be mostly console output.
        config["Logging"]!["LogLevel"]!["Default"] = "Information";
        await File.WriteAllTextAsync(ConfigPath, config.ToJsonString());

        // Started together, as a Deployment's pods are: both migrate the empty database at once.
        var replicas = await Task.WhenAll(StartReplicaAsync("a"), StartReplicaAsync("b"));
        (A, B) = (replicas[0], replicas[1]);
    }

    public static SoftwareAuthenticator NewAuthenticator() => new(Origin, "localhost");

    /// <summary>A token of the admin policy, from the <c>gateway token issue</c> command with the replicas' configuration.</summary>
    public async Task<string> IssueAdminTokenAsync()
    {
        var (exitCode, output, error) = await GatewayProcess.RunAsync("token", "issue", "--config", ConfigPath, "--sub", "replica-admin", "--claim", "role=admin");
        Assert.True(exitCode == 0, error);
        return output.Trim();
    }

    /// <summary>Waits until every replica answers <c>/readyz</c> with 200 (after Redis came back, say).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        foreach (var replica in Replicas)
        {
            await Eventually.GetAsync(
                async () =>
                {
                    using var response = await replica.Client.GetAsync("/readyz");
                    return response.StatusCode == HttpStatusCode.OK ? replica : null;
                },
                timeout,
                $"{replica.Address} ready");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in new[] { A, B }.Where(r => r is not null))
        {
            await replica.DisposeAsync();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }

        if (RedisServer is not null)
        {
            await RedisServer.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<GatewayServerProcess> StartReplicaAsync(string name) =>
        GatewayProcess.StartAsync(ConfigPath, FreePort.Next(), new Dictionary<string, string>
        {
            ["Gateway__DataDirectory"] = Path.Combine(_directory, "data-" + name),
        });
}
