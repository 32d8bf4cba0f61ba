namespace PasskeyGateway.Ceremonies.Credentials.Sql;

internal abstract partial class SqlCredentialRepository
{
    private const string DeviceColumns =
        "device_id, user_id, device_key_id, public_key, algorithm, signature_format, name, platform, created_at, last_used_at, revoked_at";

    public Task<CreateResult> AddDeviceAsync(BoundDevice device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);

        // devices_active_key_id (unique per user among unrevoked devices) turns a taken alias into a row count of 0.
        return InsertUnlessTakenAsync(
            "devices",
            cancellationToken,
            ("device_id", device.DeviceId),
            ("user_id", device.UserId),
            ("device_key_id", device.DeviceKeyId),
            ("public_key", device.PublicKey),
            ("algorithm", device.Algorithm),
            ("signature_format", device.SignatureFormat),
            ("name", device.Name),
            ("platform", device.Platform),
            ("created_at", device.CreatedAt),
            ("last_used_at", device.LastUsedAt),
            ("revoked_at", device.RevokedAt));
    }

    public Task<BoundDevice?> FindDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        QuerySingleAsync(
            $"SELECT {DeviceColumns} FROM devices WHERE device_id = @device_id;",
            ReadDevice,
            cancellationToken,
            ("@device_id", deviceId));

    public Task<IReadOnlyList<BoundDevice>> ListDevicesAsync(string userId, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {DeviceColumns} FROM devices WHERE user_id = @user_id ORDER BY created_at, device_id;",
            ReadDevice,
            cancellationToken,
            ("@user_id", userId));

    public Task<bool> RecordDeviceUseAsync(string deviceId, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        UpdateOneAsync(
            "UPDATE devices SET last_used_at = @used_at WHERE device_id = @device_id AND revoked_at IS NULL;",
            cancellationToken,
            ("@used_at", usedAt),
            ("@device_id", deviceId));

    public async Task<RevokedDevice?> RevokeDeviceAsync(string userId, string deviceId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteTransactionAsync(cancellationToken);
        var revoked = await connection.ExecuteAsync(
            "UPDATE devices SET revoked_at = @revoked_at WHERE device_id = @device_id AND user_id = @user_id AND revoked_at IS NULL;",
            cancellationToken,
            ("@revoked_at", revokedAt),
            ("@device_id", deviceId),
            ("@user_id", userId));
        if (revoked == 0)
        {
            return null;
        }

        // DESIGN.md §10: revoking a device revokes the biometric keys tied to it, in the same transaction, so no key
        // outlives its device. RETURNING: SQLite 3.35, PostgreSQL.
        var keyIds = await connection.QueryAsync(
            "UPDATE biometric_keys SET revoked_at = @revoked_at WHERE device_id = @device_id AND revoked_at IS NULL RETURNING key_id;",
            reader => reader.GetString(0),
            cancellationToken,
            ("@revoked_at", revokedAt),
            ("@device_id", deviceId));
        await transaction.CommitAsync(cancellationToken);
        keyIds.Sort(StringComparer.Ordinal);
        return new RevokedDevice(deviceId, keyIds);
    }

    private static BoundDevice ReadDevice(SqlRow reader) => new(
        DeviceId: reader.GetString(0),
        UserId: reader.GetString(1),
        DeviceKeyId: reader.GetString(2),
        PublicKey: reader.GetBytes(3),
        Algorithm: reader.GetEnum<KeyAlgorithm>(4),
        SignatureFormat: reader.GetEnum<SignatureFormat>(5),
        Name: reader.GetNullableString(6),
        Platform: reader.GetNullableString(7),
        CreatedAt: reader.GetTime(8),
        LastUsedAt: reader.GetNullableTime(9),
        RevokedAt: reader.GetNullableTime(10));
}
