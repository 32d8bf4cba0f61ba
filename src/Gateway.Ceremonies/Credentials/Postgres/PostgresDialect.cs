using System.Data.Common;
using PasskeyGateway.Ceremonies.Credentials.Sql;

namespace PasskeyGateway.Ceremonies.Credentials.Postgres;

/// <summary>
/// How record values are written to and read from the columns of <see cref="PostgresSchema"/>: PostgreSQL's own types
/// (timestamptz, uuid, text[]), which Npgsql binds natively.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    private PostgresDialect()
    {
    }

    /// <summary>
    /// Rows are locked one by one: a biometric key's check of its device takes a share lock on the device row, so a
    /// concurrent revocation (which updates that row) waits for the insert to commit, and then revokes the new key too;
    /// or the check waits for the revocation, finds the device revoked and inserts nothing.
    /// </summary>
    public override string LockForShare => " FOR SHARE";

    /// <summary>Removals of a user's credentials lock the user's row, so they run one after the other.</summary>
    public override string LockForUpdate => " FOR UPDATE";

    /// <summary>
    /// READ COMMITTED, the server's default: each statement sees what was committed before it began, and an UPDATE that
    /// waited on a row lock checks its WHERE again on the row as the other transaction left it. The shared statements
    /// rely on exactly that (a second revocation of a device finds it revoked), and never need a retry.
    /// </summary>
    public override async Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>Npgsql reads timestamptz as a DateTimeOffset in UTC.</summary>
    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override Guid ReadGuid(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    public override string[] ReadStringList(DbDataReader reader, int ordinal) => reader.GetFieldValue<string[]>(ordinal);

    /// <summary>
    /// Npgsql writes only UTC offsets to timestamptz (it refuses others rather than guess), and would cut sub-microsecond
    /// ticks itself; cutting them here keeps the rule in one place with SQLite's.
    /// </summary>
    protected override object WriteTime(DateTimeOffset time) => FromUnixMicroseconds(ToUnixMicroseconds(time));

    protected override object WriteGuid(Guid guid) => guid;

    protected override object WriteStringList(IReadOnlyList<string> list) => list.ToArray();
}
