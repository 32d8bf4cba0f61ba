namespace PasskeyGateway.Ceremonies.Credentials.Sql;

internal abstract partial class SqlCredentialRepository
{
    public async Task<long> AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync(
            """
            INSERT INTO audit_trail (at, user_id, event, outcome, client_ip, user_agent, detail)
            VALUES (@at, @user_id, @event, @outcome, @client_ip, @user_agent, @detail)
            RETURNING id;
            """,
            cancellationToken,
            ("@at", entry.At),
            ("@user_id", entry.UserId),
            ("@event", entry.Event),
            ("@outcome", entry.Outcome),
            ("@client_ip", entry.ClientIp),
            ("@user_agent", entry.UserAgent),
            ("@detail", entry.Detail));
    }

    public async Task<AuditPage> ReadAuditAsync(string? userId, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        List<string> conditions = [];
        if (userId is not null)
        {
            conditions.Add("user_id = @user_id");
        }

        if (beforeId is not null)
        {
            conditions.Add("id < @before_id");
        }

        // One row more than asked says whether another page follows, so the last page is not an empty one.
        var records = await QueryAsync(
            $"""
            SELECT id, at, user_id, event, outcome, client_ip, user_agent, detail FROM audit_trail
            {(conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions))}
            ORDER BY id DESC
            LIMIT @limit;
            """,
            ReadAuditRecord,
            cancellationToken,
            ("@user_id", userId),
            ("@before_id", beforeId),
            ("@limit", limit + 1L));
        return records.Count > limit
            ? new AuditPage(records.Take(limit).ToArray(), records[limit - 1].Id)
            : new AuditPage(records, null);
    }

    private static AuditRecord ReadAuditRecord(SqlRow reader) => new(
        reader.GetInt64(0),
        new AuditEntry(
            At: reader.GetTime(1),
            UserId: reader.GetNullableString(2),
            Event: reader.GetString(3),
            Outcome: reader.GetString(4),
            ClientIp: reader.GetNullableString(5),
            UserAgent: reader.GetNullableString(6),
            Detail: reader.GetNullableString(7)));

    public Task<int> PurgeAuditAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM audit_trail WHERE at < @before;", cancellationToken, ("@before", before));
}
