namespace PasskeyGateway.Ceremonies.Credentials.Sql;

internal abstract partial class SqlCredentialRepository
{
    private const string BiometricKeyColumns =
        "key_id, user_id, device_id, public_key, algorithm, signature_format, name, created_at, last_used_at, revoked_at";

    public async Task<CreateResult> AddBiometricKeyAsync(BiometricKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await OpenAsync(cancellationToken);

        // The device check and the insert share one write transaction, and the check locks the device row
        // (SqlDialect.LockForShare): a revocation of the device cannot slip between them and miss the new key.
        await using var transaction = await connection.BeginWriteTransactionAsync(cancellationToken);
        if (key.DeviceId is not null)
        {
            var activeDevices = await connection.QueryAsync(
                $"SELECT device_id FROM devices WHERE device_id = @device_id AND user_id = @user_id AND revoked_at IS NULL{Dialect.LockForShare};",
                reader => reader.GetString(0),
                cancellationToken,
                ("@device_id", key.DeviceId),
                ("@user_id", key.UserId));
            if (activeDevices.Count == 0)
            {
                return CreateResult.DeviceNotActive;
            }
        }

        var result = await connection.InsertUnlessTakenAsync(
            "biometric_keys",
            cancellationToken,
            ("key_id", key.KeyId),
            ("user_id", key.UserId),
            ("device_id", key.DeviceId),
            ("public_key", key.PublicKey),
            ("algorithm", key.Algorithm),
            ("signature_format", key.SignatureFormat),
            ("name", key.Name),
            ("created_at", key.CreatedAt),
            ("last_used_at", key.LastUsedAt),
            ("revoked_at", key.RevokedAt));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task<BiometricKey?> FindBiometricKeyAsync(string keyId, CancellationToken cancellationToken) =>
        QuerySingleAsync(
            $"SELECT {BiometricKeyColumns} FROM biometric_keys WHERE key_id = @key_id;",
            ReadBiometricKey,
            cancellationToken,
            ("@key_id", keyId));

    public Task<IReadOnlyList<BiometricKey>> ListBiometricKeysAsync(string userId, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {BiometricKeyColumns} FROM biometric_keys WHERE user_id = @user_id ORDER BY created_at, key_id;",
            ReadBiometricKey,
            cancellationToken,
            ("@user_id", userId));

    public Task<bool> RecordBiometricKeyUseAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        UpdateOneAsync(
            "UPDATE biometric_keys SET last_used_at = @used_at WHERE key_id = @key_id AND revoked_at IS NULL;",
            cancellationToken,
            ("@used_at", usedAt),
            ("@key_id", keyId));

    private const string RevokeBiometricKey =
        "UPDATE biometric_keys SET revoked_at = @revoked_at WHERE key_id = @key_id AND user_id = @user_id AND revoked_at IS NULL;";

    public Task<bool> RevokeBiometricKeyAsync(string userId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        UpdateOneAsync(RevokeBiometricKey, cancellationToken, ("@revoked_at", revokedAt), ("@key_id", keyId), ("@user_id", userId));

    public Task<CredentialRemoval> RevokeBiometricKeyUnlessLastAsync(string userId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        RemoveUnlessLastAsync(userId, RevokeBiometricKey, cancellationToken, ("@revoked_at", revokedAt), ("@key_id", keyId));

    private static BiometricKey ReadBiometricKey(SqlRow reader) => new(
        KeyId: reader.GetString(0),
        UserId: reader.GetString(1),
        DeviceId: reader.GetNullableString(2),
        PublicKey: reader.GetBytes(3),
        Algorithm: reader.GetEnum<KeyAlgorithm>(4),
        SignatureFormat: reader.GetEnum<SignatureFormat>(5),
        Name: reader.GetNullableString(6),
        CreatedAt: reader.GetTime(7),
        LastUsedAt: reader.GetNullableTime(8),
        RevokedAt: reader.GetNullableTime(9));
}
