using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace PasskeyGateway.Configuration;

/// <summary>
/// Holds the live configuration snapshot and applies edits of the config file (hot reload): a valid edit swaps
/// routes, clusters, policies and identity headers at once; an invalid one is logged with every problem and the
/// last good snapshot stays in force (STYLE.md: a bad reload is logged and the last good snapshot stays).
/// </summary>
internal sealed partial class GatewayConfigMonitor : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly GatewayConfigLoader _loader;
    private readonly ILogger<GatewayConfigMonitor> _logger;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly Lazy<GatewayConfigSnapshot> _initial;
    private readonly GatewayConfigAccessor _accessor;
    private IDisposable? _changeRegistration;
    private int _rejectedReloads;

    public GatewayConfigMonitor(IConfiguration configuration, GatewayConfigLoader loader, GatewayConfigAccessor accessor, ILogger<GatewayConfigMonitor> logger)
    {
        _configuration = configuration;
        _accessor = accessor;
        _loader = loader;
        _logger = logger;
        _initial = new Lazy<GatewayConfigSnapshot>(LoadInitial, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The configuration the gateway started with: the source of every setting that needs a restart.</summary>
    public GatewayOptions Startup => _initial.Value.Options;

    public GatewayConfigSnapshot Current
    {
        get
        {
            _ = _initial.Value;
            return _accessor.Current;
        }
    }

    /// <summary>How many edits were refused since start (tests and diagnostics wait on it).</summary>
    public int RejectedReloads => Volatile.Read(ref _rejectedReloads);

    public void Dispose()
    {
        _changeRegistration?.Dispose();
        _reloadLock.Dispose();
    }

    private GatewayConfigSnapshot LoadInitial()
    {
        var (snapshot, problems) = _loader.LoadAsync(_configuration, generation: 1).AsTask().GetAwaiter().GetResult();
        if (snapshot is null)
        {
            throw new GatewayConfigurationException(problems);
        }

        foreach (var warning in snapshot.Warnings)
        {
            Log.ConfigWarning(_logger, warning.Path, warning.Message);
        }

        _accessor.Publish(new GatewayConfigAccessor.State(snapshot));
        _changeRegistration = ChangeToken.OnChange(_configuration.GetReloadToken, () => _ = ReloadAsync());
        return snapshot;
    }

    private async Task ReloadAsync()
    {
        await _reloadLock.WaitAsync();
        try
        {
            var previous = _accessor.CurrentState;
            var (snapshot, problems) = await _loader.LoadAsync(_configuration, previous.Snapshot.Generation + 1);
            if (snapshot is null)
            {
                var errors = problems.Where(p => p.Severity == ConfigProblemSeverity.Error).ToList();
                Log.ReloadRejected(_logger, errors.Count, previous.Snapshot.Generation);
                foreach (var error in errors)
                {
                    Log.ReloadProblem(_logger, error.Path, error.Message);
                }

                Interlocked.Increment(ref _rejectedReloads);
                return;
            }

            _accessor.Publish(new GatewayConfigAccessor.State(snapshot));
            previous.Signal();
            Log.Reloaded(_logger, snapshot.Generation, snapshot.Routes.Count, snapshot.Clusters.Count, snapshot.Policies.Count);
        }
        catch (Exception e)
        {
            // A reload must never take the gateway down: keep the last good configuration.
            Log.ReloadFailed(_logger, e);
            Interlocked.Increment(ref _rejectedReloads);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Warning, "Configuration warning: {Path}: {Message}")]
        public static partial void ConfigWarning(ILogger logger, string path, string message);

        [LoggerMessage(1002, LogLevel.Information, "Configuration reloaded (generation {Generation}): {Routes} routes, {Clusters} clusters, {Policies} policies.")]
        public static partial void Reloaded(ILogger logger, int generation, int routes, int clusters, int policies);

        [LoggerMessage(1003, LogLevel.Error, "Configuration edit rejected with {Count} problem(s); generation {Generation} stays in force.")]
        public static partial void ReloadRejected(ILogger logger, int count, int generation);

        [LoggerMessage(1004, LogLevel.Error, "Configuration problem: {Path}: {Message}")]
        public static partial void ReloadProblem(ILogger logger, string path, string message);

        [LoggerMessage(1005, LogLevel.Error, "Configuration reload failed; the previous configuration stays in force.")]
        public static partial void ReloadFailed(ILogger logger, Exception exception);
    }
}
