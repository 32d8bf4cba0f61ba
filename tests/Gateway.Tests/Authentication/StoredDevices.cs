using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Credentials.Sqlite;

namespace PasskeyGateway.Tests.Authentication;

/// <summary>A real SQLite credential store, and the accounts and bound devices a test of a token's <c>device_id</c> needs in it.</summary>
internal static class StoredDevices
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The store's file in <paramref name="folder"/>, which need not exist yet (the store cannot be opened until it does).</summary>
    public static SqliteCredentialRepository OpenSqlite(string folder) =>
        new($"Data Source={Path.Combine(folder, "gateway.db")}", NullLogger<SqliteCredentialRepository>.Instance);

    /// <summary>A new account; answers its id (<paramref name="id"/> when given).</summary>
    public static async Task<string> CreateUserAsync(ICredentialRepository store, DateTimeOffset now, string? id = null)
    {
        id ??= CredentialIdentifiers.NewId();
        var user = new UserAccount(id, "user-" + id, "User", CredentialIdentifiers.NewUserHandle(), [], now, Disabled: false);
        Assert.Equal(CreateResult.Created, await store.CreateUserAsync(user, Cancel));
        return id;
    }

    /// <summary>A P-256 device key bound to <paramref name="userId"/>; answers the device id (<paramref name="deviceId"/> when given).</summary>
    public static async Task<string> BindDeviceAsync(ICredentialRepository store, string userId, DateTimeOffset now, string? deviceId = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var device = new BoundDevice(
            deviceId ?? CredentialIdentifiers.NewId(), userId, "key-" + CredentialIdentifiers.NewId(), key.ExportSubjectPublicKeyInfo(),
            KeyAlgorithm.ES256, SignatureFormat.Der, "Phone", "android", now, LastUsedAt: null, RevokedAt: null);
        Assert.Equal(CreateResult.Created, await store.AddDeviceAsync(device, Cancel));
        return device.DeviceId;
    }
}
