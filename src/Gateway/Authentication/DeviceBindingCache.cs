using System.Collections.Concurrent;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Authentication;

/// <summary>
/// Whether a device id names an unrevoked device of a user, asked of the credential store once per device and then
/// answered from memory. It is asked when a token is validated, which the validated-token cache does once per token,
/// so a request with a cached token never reaches the store.
/// </summary>
/// <remarks>
/// A device's owner never changes, but the device can stop being bound: removed by its user or an administrator, or
/// gone with its account. Each of those publishes a revocation, which refuses the tokens that carry the device for as
/// long as it is held; the answers kept here are dropped whenever the revocations grow (the feed says only that they
/// did, not what), so a token first seen afterwards — even once that revocation is forgotten — is answered by the
/// store as it is then. Each answer carries the generation in which its look-up began, so one that began before a
/// revocation and ended after the drop is never answered again: only the token it was asked for has it, and if the
/// revocation was of that device (or its user), it refuses that token anyway.
/// </remarks>
internal sealed partial class DeviceBindingCache : IDisposable
{
    /// <summary>As many devices as the validated-token cache holds tokens; when full, the cache starts over.</summary>
    private const int Capacity = ValidatedTokenCache.DefaultCapacity;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IDeviceRepository _devices;
    private readonly IRevocationFeed _feed;
    private readonly ILogger<DeviceBindingCache> _logger;
    private long _generation;

    public DeviceBindingCache(IDeviceRepository devices, IRevocationFeed feed, ILogger<DeviceBindingCache> logger)
    {
        _devices = devices;
        _feed = feed;
        _logger = logger;
        feed.RevocationsAdded += OnRevocationsAdded;
    }

    public int Count => _entries.Count;

    /// <summary>
    /// <see cref="DeviceBinding.Bound"/> when <paramref name="deviceId"/> names an unrevoked device of
    /// <paramref name="userId"/>. A store that cannot be reached answers <see cref="DeviceBinding.Unchecked"/>, which is
    /// not kept: the next token naming the device asks again.
    /// </summary>
    public async ValueTask<DeviceBinding> ResolveAsync(string deviceId, string userId, CancellationToken cancellationToken)
    {
        var generation = Volatile.Read(ref _generation);
        if (!_entries.TryGetValue(deviceId, out var entry) || entry.Generation != generation)
        {
            BoundDevice? device;
            try
            {
                device = await _devices.FindDeviceAsync(deviceId, cancellationToken);
            }
            catch (Exception e) when (StoreOutageLog.IsCredentialStoreOutage(e))
            {
                Log.Unchecked(_logger, e.GetType().Name);
                return DeviceBinding.Unchecked;
            }

            entry = new Entry(device is { IsRevoked: false } ? device.UserId : null, generation);
            if (_entries.Count >= Capacity)
            {
                _entries.Clear();
            }

            _entries[deviceId] = entry;
        }

        if (string.Equals(entry.ActiveOwner, userId, StringComparison.Ordinal))
        {
            return DeviceBinding.Bound;
        }

        Log.NotBound(_logger);
        return DeviceBinding.NotBound;
    }

    public void Dispose() => _feed.RevocationsAdded -= OnRevocationsAdded;

    /// <summary>On the revoking thread: a counter and a clear, nothing that waits.</summary>
    private void OnRevocationsAdded()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    /// <param name="ActiveOwner">The user of the device while it is not revoked; <c>null</c> for no device or a revoked one.</param>
    /// <param name="Generation">The revocations' generation when the store was asked.</param>
    private sealed record Entry(string? ActiveOwner, long Generation);

    private static partial class Log
    {
        [LoggerMessage(4401, LogLevel.Debug, "A token's device_id names no unrevoked device of its subject; it does not satisfy KnownDevice.")]
        public static partial void NotBound(ILogger logger);

        [LoggerMessage(4402, LogLevel.Debug, "Could not look up a token's device ({Error}): the credential store is unavailable; KnownDevice cannot be decided until it answers.")]
        public static partial void Unchecked(ILogger logger, string error);
    }
}
