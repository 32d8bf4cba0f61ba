using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PasskeyGateway.Ceremonies.Credentials.Sql;

namespace PasskeyGateway.Ceremonies.Credentials.Sqlite;

/// <summary>
/// How record values are written to and read from the columns of <see cref="SqliteSchema"/>: times as Unix
/// microseconds, GUIDs as text, lists as JSON arrays.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static SqliteDialect Instance { get; } = new();

    private SqliteDialect()
    {
    }

    /// <summary>SQLite has no row locks: BEGIN IMMEDIATE already holds the file's only write lock.</summary>
    public override string LockForShare => "";

    public override string LockForUpdate => "";

    /// <summary>
    /// BEGIN IMMEDIATE: take the write lock now, not at the first write. In WAL mode a deferred transaction that reads
    /// and then writes can fail with SQLITE_BUSY at once, without waiting on busy_timeout.
    /// </summary>
    public override Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => FromUnixMicroseconds(reader.GetInt64(ordinal));

    public override Guid ReadGuid(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    public override string[] ReadStringList(DbDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize(reader.GetString(ordinal), StringListJsonContext.Default.StringArray) ?? [];

    protected override object WriteTime(DateTimeOffset time) => ToUnixMicroseconds(time);

    protected override object WriteGuid(Guid guid) => guid.ToString("D");

    protected override object WriteStringList(IReadOnlyList<string> list) =>
        JsonSerializer.Serialize([.. list], StringListJsonContext.Default.StringArray);
}
