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
    private int _stalled;
    private long _lastAnswer = long.MinValue;
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

    /// <summary>
    /// The configured database; synchronous once connected. Once a command timed out with nothing answered since it
    /// was sent, it throws <see cref="RedisStalledException"/> instead until Redis answers a probe again: a Redis that
    /// lets commands hang (paused, or a stalled primary) costs a ceremony one timeout, not one per command it sends
    /// (the rate count, then the challenge), and costs nothing more while it stays so.
    /// </summary>
    public ValueTask<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        ThrowIfStalled();
        var database = Volatile.Read(ref _database);
        return database is not null ? ValueTask.FromResult(database) : ConnectForDatabaseAsync(cancellationToken);
    }

    /// <summary>The subscriber, under the same rule as <see cref="GetDatabaseAsync"/>.</summary>
    public async ValueTask<ISubscriber> GetSubscriberAsync(CancellationToken cancellationToken)
    {
        ThrowIfStalled();
        return (await GetMultiplexerAsync(cancellationToken)).GetSubscriber();
    }

    /// <summary>
    /// Waits for a command at most <see cref="RedisConnectionSettings.CommandTimeout"/>, then throws
    /// <see cref="TimeoutException"/>; when no command at all was answered since this one was sent, Redis is stalled
    /// (paused, a primary hung), not merely slow for one command on a busy machine, and further commands are held
    /// back until a <c>PING</c> is answered (one at a time, each waiting one timeout). StackExchange.Redis checks its own timeout only on its heartbeat, a second or so late.
    /// Its commands take no cancellation token: the caller's token abandons the wait, not the command.
    /// </summary>
    public async Task Bounded(Task command, CancellationToken cancellationToken)
    {
        var sent = Environment.TickCount64;
        try
        {
            await command.WaitAsync(settings.CommandTimeout, cancellationToken);
            Answered();
        }
        catch (TimeoutException)
        {
            TimedOut(sent);
            throw;
        }
    }

    /// <inheritdoc cref="Bounded(Task, CancellationToken)"/>
    public async Task<T> Bounded<T>(Task<T> command, CancellationToken cancellationToken)
    {
        var sent = Environment.TickCount64;
        try
        {
            var result = await command.WaitAsync(settings.CommandTimeout, cancellationToken);
            Answered();
            return result;
        }
        catch (TimeoutException)
        {
            TimedOut(sent);
            throw;
        }
    }

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

    private void ThrowIfStalled()
    {
        if (Volatile.Read(ref _stalled) == 1)
        {
            throw new RedisStalledException();
        }
    }

    private void Answered() => Volatile.Write(ref _lastAnswer, Environment.TickCount64);

    private void TimedOut(long sent)
    {
        if (Volatile.Read(ref _lastAnswer) < sent)
        {
            Stalled();
        }
    }

    private void Stalled()
    {
        if (Interlocked.Exchange(ref _stalled, 1) == 0)
        {
            RedisLog.Stalled(logger, settings.EndPoints, settings.CommandTimeout);
            _ = ProbeAsync();
        }
    }

    /// <summary>
    /// PINGs until Redis answers one within the command timeout, then lets commands through again. A connection that
    /// failed meanwhile is probed once per timeout until it is back: StackExchange.Redis reconnects by itself.
    /// </summary>
    private async Task ProbeAsync()
    {
        while (Volatile.Read(ref _disposeStarted) == 0)
        {
            try
            {
                if (Volatile.Read(ref _database) is not { } database)
                {
                    break;
                }

                await database.PingAsync().WaitAsync(settings.CommandTimeout);
                Answered();
                break;
            }
            catch (TimeoutException)
            {
                // Still hanging: the next probe at once (this one waited its timeout).
            }
            catch (RedisException)
            {
                await Task.Delay(settings.CommandTimeout);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
        }

        Volatile.Write(ref _stalled, 0);
        RedisLog.Answering(logger, settings.EndPoints);
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
