using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace PasskeyGateway.Ceremonies.Redis;

/// <summary>
/// The process's one <see cref="ConnectionMultiplexer"/> (DESIGN.md §8), shared by the challenge store and the
/// revocation layer. It connects on first use, not at startup, and never waits longer than the connect timeout:
/// with <c>abortConnect=false</c> the multiplexer exists while Redis is down and reconnects by itself when it is back.
/// </summary>
internal sealed class RedisConnection(RedisConnectionSettings settings, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private ConnectionMultiplexer? _multiplexer;
    private IDatabase? _database;
    private bool _disposed;
    private int _disposeStarted;

    /// <summary>A physical connection (interactive or subscription) was lost.</summary>
    public event EventHandler<ConnectionFailedEventArgs>? ConnectionFailed;

    /// <summary>
    /// A physical connection came back. Redis may have restarted empty in between: the revocation layer resubscribes
    /// and reloads here (DESIGN.md §7); StackExchange.Redis itself renews its subscriptions.
    /// </summary>
    public event EventHandler<ConnectionFailedEventArgs>? ConnectionRestored;

    public RedisConnectionSettings Settings => settings;

    /// <summary>Whether the multiplexer exists and has a live connection now (for readiness); never connects.</summary>
    public bool IsConnected => Volatile.Read(ref _multiplexer)?.IsConnected == true;

    /// <summary>The configured database; synchronous once connected.</summary>
    public ValueTask<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        var database = Volatile.Read(ref _database);
        return database is not null ? ValueTask.FromResult(database) : ConnectForDatabaseAsync(cancellationToken);
    }

    public async ValueTask<ISubscriber> GetSubscriberAsync(CancellationToken cancellationToken) =>
        (await GetMultiplexerAsync(cancellationToken)).GetSubscriber();

    public async ValueTask<IConnectionMultiplexer> GetMultiplexerAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _multiplexer) ?? await ConnectAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) == 1)
        {
            return;
        }

        await _connectLock.WaitAsync();
        try
        {
            _disposed = true;
            if (_multiplexer is { } multiplexer)
            {
                multiplexer.ConnectionFailed -= OnConnectionFailed;
                multiplexer.ConnectionRestored -= OnConnectionRestored;
                await multiplexer.DisposeAsync();
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async ValueTask<IDatabase> ConnectForDatabaseAsync(CancellationToken cancellationToken)
    {
        await ConnectAsync(cancellationToken);
        return _database!;
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_multiplexer is { } existing)
            {
                return existing;
            }

            RedisLog.Connecting(logger, settings);
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(settings.CreateConfigurationOptions());
            multiplexer.ConnectionFailed += OnConnectionFailed;
            multiplexer.ConnectionRestored += OnConnectionRestored;
            if (!multiplexer.IsConnected)
            {
                RedisLog.NotConnectedYet(logger, settings.EndPoints);
            }

            Volatile.Write(ref _database, multiplexer.GetDatabase());
            Volatile.Write(ref _multiplexer, multiplexer);
            return multiplexer;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        RedisLog.ConnectionLost(logger, e.ConnectionType, e.EndPoint?.ToString(), e.FailureType);
        ConnectionFailed?.Invoke(this, e);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        RedisLog.ConnectionRestored(logger, e.ConnectionType, e.EndPoint?.ToString());
        ConnectionRestored?.Invoke(this, e);
    }
}
