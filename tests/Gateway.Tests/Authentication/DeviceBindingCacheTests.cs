using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Credentials.Sqlite;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Tests.Authentication;

/// <summary>
/// The device look-up behind KnownDevice, on a real SQLite store and the real revocation list: a device answers for its
/// own user only while it is not revoked, the answer is kept in memory, and any new revocation drops what was kept.
/// </summary>
public sealed class DeviceBindingCacheTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("device-binding-").FullName;
    private readonly ManualTimeProvider _clock = new(Now);
    private readonly SqliteCredentialRepository _store;
    private readonly DurableRevocationList _revocations;

    public DeviceBindingCacheTests()
    {
        _store = StoredDevices.OpenSqlite(_directory);
        _revocations = new DurableRevocationList(_store, _clock, NullLogger<DurableRevocationList>.Instance);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _revocations.Dispose();
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Resolve_TheUsersUnrevokedDevice_IsBound_ForThatUserOnly()
    {
        using var cache = NewCache();
        var alice = await CreateUserAsync(_store);
        var bob = await CreateUserAsync(_store);
        var device = await BindDeviceAsync(_store, alice);

        Assert.Equal(DeviceBinding.Bound, await cache.ResolveAsync(device, alice, Cancel));
        Assert.Equal(DeviceBinding.NotBound, await cache.ResolveAsync(device, bob, Cancel));
    }

    [Fact]
    public async Task Resolve_UnknownRevokedOrRemovedDevice_IsNotBound()
    {
        using var cache = NewCache();
        var alice = await CreateUserAsync(_store);
        var revoked = await BindDeviceAsync(_store, alice);
        await _store.RevokeDeviceAsync(alice, revoked, Now, Cancel);
        var carol = await CreateUserAsync(_store);
        var removed = await BindDeviceAsync(_store, carol);
        await _store.DeleteUserAsync(carol, Cancel);

        Assert.Equal(DeviceBinding.NotBound, await cache.ResolveAsync("dev-" + CredentialIdentifiers.NewId(), alice, Cancel));
        Assert.Equal(DeviceBinding.NotBound, await cache.ResolveAsync(revoked, alice, Cancel));
        Assert.Equal(DeviceBinding.NotBound, await cache.ResolveAsync(removed, carol, Cancel));
    }

    [Fact]
    public async Task Resolve_AnswersFromMemory_UntilAnyRevocationIsAdded()
    {
        using var cache = NewCache();
        var alice = await CreateUserAsync(_store);
        var device = await BindDeviceAsync(_store, alice);
        Assert.Equal(DeviceBinding.Bound, await cache.ResolveAsync(device, alice, Cancel));

        // Changed in the store behind the cache's back: not asked again, so the kept answer stands.
        await _store.RevokeDeviceAsync(alice, device, Now, Cancel);
        Assert.Equal(DeviceBinding.Bound, await cache.ResolveAsync(device, alice, Cancel));

        // Any revocation — here another user's session — drops every kept answer.
        await _revocations.RevokeAsync(new Revocation(RevocationKind.Session, "someone-elses-session", Now, Now.AddHours(8)), Cancel);
        Assert.Equal(DeviceBinding.NotBound, await cache.ResolveAsync(device, alice, Cancel));
    }

    [Fact]
    public async Task Resolve_LookupThatBeganBeforeARevocation_IsNotKept()
    {
        var alice = await CreateUserAsync(_store);
        var device = await BindDeviceAsync(_store, alice);
        var paused = new PausingDeviceRepository(_store);
        using var cache = new DeviceBindingCache(paused, _revocations, NullLogger<DeviceBindingCache>.Instance);

        // The store answers "bound"; before that answer reaches the cache, the device is removed and revoked.
        var early = cache.ResolveAsync(device, alice, Cancel).AsTask();
        await paused.Answered.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancel);
        await _store.RevokeDeviceAsync(alice, device, Now, Cancel);
        await _revocations.RevokeAsync(new Revocation(RevocationKind.Device, device, Now, Now.AddHours(8)), Cancel);
        paused.Release.SetResult();
        await early;

        Assert.Equal(DeviceBinding.NotBound, await cache.ResolveAsync(device, alice, Cancel));
    }

    [Fact]
    public async Task Resolve_StoreUnreachable_IsUnchecked_AndAskedAgainOnceItAnswers()
    {
        // A store in a folder that does not exist yet cannot be opened (SQLite's CANTOPEN), until the folder appears.
        var folder = Path.Combine(_directory, "mounted-later");
        using var store = StoredDevices.OpenSqlite(folder);
        using var cache = new DeviceBindingCache(store, _revocations, NullLogger<DeviceBindingCache>.Instance);

        Assert.Equal(DeviceBinding.Unchecked, await cache.ResolveAsync("dev-1", "alice", Cancel));
        Assert.Equal(0, cache.Count);

        Directory.CreateDirectory(folder);
        var alice = await CreateUserAsync(store);
        var device = await BindDeviceAsync(store, alice);
        Assert.Equal(DeviceBinding.Bound, await cache.ResolveAsync(device, alice, Cancel));
    }

    private DeviceBindingCache NewCache() => new(_store, _revocations, NullLogger<DeviceBindingCache>.Instance);

    private static Task<string> CreateUserAsync(ICredentialRepository store) => StoredDevices.CreateUserAsync(store, Now);

    private static Task<string> BindDeviceAsync(ICredentialRepository store, string userId) => StoredDevices.BindDeviceAsync(store, userId, Now);

    /// <summary>
    /// The real store, with a pause between its answer and the caller: a look-up overtaken by a revocation, which no
    /// timing could arrange reliably.
    /// </summary>
    private sealed class PausingDeviceRepository(IDeviceRepository store) : IDeviceRepository
    {
        public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<BoundDevice?> FindDeviceAsync(string deviceId, CancellationToken cancellationToken)
        {
            var device = await store.FindDeviceAsync(deviceId, cancellationToken);
            Answered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return device;
        }

        public Task<CreateResult> AddDeviceAsync(BoundDevice device, CancellationToken cancellationToken) => store.AddDeviceAsync(device, cancellationToken);

        public Task<IReadOnlyList<BoundDevice>> ListDevicesAsync(string userId, CancellationToken cancellationToken) => store.ListDevicesAsync(userId, cancellationToken);

        public Task<bool> RecordDeviceUseAsync(string deviceId, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
            store.RecordDeviceUseAsync(deviceId, usedAt, cancellationToken);

        public Task<RevokedDevice?> RevokeDeviceAsync(string userId, string deviceId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
            store.RevokeDeviceAsync(userId, deviceId, revokedAt, cancellationToken);
    }
}
