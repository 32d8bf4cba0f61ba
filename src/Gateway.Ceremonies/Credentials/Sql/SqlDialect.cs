using System.Data.Common;

namespace PasskeyGateway.Ceremonies.Credentials.Sql;

/// <summary>
/// What differs between the databases under <see cref="SqlCredentialRepository"/>: how a few kinds of value are
/// stored, how a write transaction begins, and how a read locks the row a write depends on. The statements themselves
/// are shared: both engines speak ON CONFLICT, RETURNING, CASE and named parameters.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>
    /// Appended to a SELECT whose row a later write in the same transaction relies on (" FOR SHARE"), or empty where
    /// the write transaction already excludes every other writer.
    /// </summary>
    public abstract string LockForShare { get; }

    /// <summary>
    /// Appended to a SELECT whose row the transaction holds against every other writer until it ends (" FOR UPDATE"),
    /// or empty where the write transaction already excludes every other writer.
    /// </summary>
    public abstract string LockForUpdate { get; }

    /// <summary>Converts a record's value to what the provider binds.</summary>
    public object ToParameter(object? value) => value switch
    {
        null => DBNull.Value,
        string text => text,
        // Neither provider is asked to bind ReadOnlyMemory<byte> (Microsoft.Data.Sqlite cannot).
        ReadOnlyMemory<byte> bytes => bytes.ToArray(),
        DateTimeOffset time => WriteTime(time),
        Guid guid => WriteGuid(guid),
        Enum member => member.ToString(),
        IReadOnlyList<string> list => WriteStringList(list),
        // A sign count is a uint32 (WebAuthn L3 §6.1); neither engine has an unsigned type, and a bigint holds it all.
        uint number => (long)number,
        _ => value,
    };

    /// <summary>A transaction for a read followed by writes that depend on it.</summary>
    public abstract Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public abstract Guid ReadGuid(DbDataReader reader, int ordinal);

    public abstract string[] ReadStringList(DbDataReader reader, int ordinal);

    /// <summary>Times are kept to the microsecond, the precision of PostgreSQL's timestamptz: finer ticks are cut off.</summary>
    protected static long ToUnixMicroseconds(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    protected static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);

    protected abstract object WriteTime(DateTimeOffset time);

    protected abstract object WriteGuid(Guid guid);

    protected abstract object WriteStringList(IReadOnlyList<string> list);
}
