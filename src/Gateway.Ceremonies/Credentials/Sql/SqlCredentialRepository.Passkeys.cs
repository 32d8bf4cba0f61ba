namespace PasskeyGateway.Ceremonies.Credentials.Sql;

internal abstract partial class SqlCredentialRepository
{
    private const string PasskeyColumns =
        "credential_id, user_id, public_key, sign_count, aaguid, transports, backup_eligible, backup_state, " +
        "attestation_format, attestation_trust, nickname, created_at, last_used_at, flagged_at, flag_reason";

    public Task<CreateResult> AddPasskeyAsync(Passkey passkey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passkey);

        // credential_id is the primary key over every user's passkeys: the second registration of an id loses here.
        return InsertUnlessTakenAsync("passkeys", cancellationToken, PasskeyRow(passkey));
    }

    private static (string Column, object? Value)[] PasskeyRow(Passkey passkey) =>
    [
        ("credential_id", passkey.CredentialId),
        ("user_id", passkey.UserId),
        ("public_key", passkey.PublicKey),
        ("sign_count", passkey.SignCount),
        ("aaguid", passkey.Aaguid),
        ("transports", passkey.Transports),
        ("backup_eligible", passkey.BackupEligible),
        ("backup_state", passkey.BackupState),
        ("attestation_format", passkey.AttestationFormat),
        ("attestation_trust", passkey.AttestationTrust),
        ("nickname", passkey.Nickname),
        ("created_at", passkey.CreatedAt),
        ("last_used_at", passkey.LastUsedAt),
        ("flagged_at", passkey.FlaggedAt),
        ("flag_reason", passkey.FlagReason),
    ];

    public Task<Passkey?> FindPasskeyAsync(ReadOnlyMemory<byte> credentialId, CancellationToken cancellationToken) =>
        QuerySingleAsync(
            $"SELECT {PasskeyColumns} FROM passkeys WHERE credential_id = @credential_id;",
            ReadPasskey,
            cancellationToken,
            ("@credential_id", credentialId));

    public Task<IReadOnlyList<Passkey>> ListPasskeysAsync(string userId, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {PasskeyColumns} FROM passkeys WHERE user_id = @user_id ORDER BY created_at, credential_id;",
            ReadPasskey,
            cancellationToken,
            ("@user_id", userId));

    public Task<bool> RecordPasskeySignInAsync(ReadOnlyMemory<byte> credentialId, uint signCount, bool backupState, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        UpdateOneAsync(
            // CASE rather than MAX()/GREATEST(), which SQLite and PostgreSQL spell differently.
            """
            UPDATE passkeys
            SET sign_count = CASE WHEN @sign_count > sign_count THEN @sign_count ELSE sign_count END,
                backup_state = @backup_state,
                last_used_at = @used_at
            WHERE credential_id = @credential_id;
            """,
            cancellationToken,
            ("@sign_count", signCount),
            ("@backup_state", backupState),
            ("@used_at", usedAt),
            ("@credential_id", credentialId));

    public Task<bool> FlagPasskeyAsync(ReadOnlyMemory<byte> credentialId, string reason, DateTimeOffset flaggedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return UpdateOneAsync(
            "UPDATE passkeys SET flagged_at = @flagged_at, flag_reason = @reason WHERE credential_id = @credential_id;",
            cancellationToken,
            ("@flagged_at", flaggedAt),
            ("@reason", reason),
            ("@credential_id", credentialId));
    }

    public Task<bool> RenamePasskeyAsync(string userId, ReadOnlyMemory<byte> credentialId, string? nickname, CancellationToken cancellationToken) =>
        UpdateOneAsync(
            "UPDATE passkeys SET nickname = @nickname WHERE credential_id = @credential_id AND user_id = @user_id;",
            cancellationToken,
            ("@nickname", nickname),
            ("@credential_id", credentialId),
            ("@user_id", userId));

    private const string DeletePasskey = "DELETE FROM passkeys WHERE credential_id = @credential_id AND user_id = @user_id;";

    public Task<bool> DeletePasskeyAsync(string userId, ReadOnlyMemory<byte> credentialId, CancellationToken cancellationToken) =>
        UpdateOneAsync(DeletePasskey, cancellationToken, ("@credential_id", credentialId), ("@user_id", userId));

    public Task<CredentialRemoval> DeletePasskeyUnlessLastAsync(string userId, ReadOnlyMemory<byte> credentialId, CancellationToken cancellationToken) =>
        RemoveUnlessLastAsync(userId, DeletePasskey, cancellationToken, ("@credential_id", credentialId));

    private static Passkey ReadPasskey(SqlRow reader) => new(
        CredentialId: reader.GetBytes(0),
        UserId: reader.GetString(1),
        PublicKey: reader.GetBytes(2),
        SignCount: checked((uint)reader.GetInt64(3)),
        Aaguid: reader.GetGuid(4),
        Transports: reader.GetStringList(5),
        BackupEligible: reader.GetBoolean(6),
        BackupState: reader.GetBoolean(7),
        AttestationFormat: reader.GetString(8),
        AttestationTrust: reader.GetEnum<AttestationTrust>(9),
        Nickname: reader.GetNullableString(10),
        CreatedAt: reader.GetTime(11),
        LastUsedAt: reader.GetNullableTime(12),
        FlaggedAt: reader.GetNullableTime(13),
        FlagReason: reader.GetNullableString(14));
}
