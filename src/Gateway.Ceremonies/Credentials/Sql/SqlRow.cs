using System.Data.Common;

namespace PasskeyGateway.Ceremonies.Credentials.Sql;

/// <summary>
/// The current row of a query, read the way <see cref="SqlDialect"/> stored it: record mappers are written once for
/// every store, and only times, GUIDs and string lists differ underneath.
/// </summary>
internal readonly struct SqlRow(DbDataReader reader, SqlDialect dialect)
{
    public string GetString(int ordinal) => reader.GetString(ordinal);

    public string? GetNullableString(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public byte[] GetBytes(int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

    public bool GetBoolean(int ordinal) => reader.GetBoolean(ordinal);

    public long GetInt64(int ordinal) => reader.GetInt64(ordinal);

    /// <summary>A <c>COUNT(*)</c>: SQLite's integer and PostgreSQL's bigint both read as a 64-bit integer.</summary>
    public int GetCount(int ordinal) => checked((int)reader.GetInt64(ordinal));

    public DateTimeOffset GetTime(int ordinal) => dialect.ReadTime(reader, ordinal);

    public DateTimeOffset? GetNullableTime(int ordinal) => reader.IsDBNull(ordinal) ? null : GetTime(ordinal);

    public Guid GetGuid(int ordinal) => dialect.ReadGuid(reader, ordinal);

    /// <summary>Enums are stored by member name (<see cref="KeyAlgorithm"/>: renaming a member needs a migration).</summary>
    public T GetEnum<T>(int ordinal)
        where T : struct, Enum => Enum.Parse<T>(reader.GetString(ordinal));

    public string[] GetStringList(int ordinal) => dialect.ReadStringList(reader, ordinal);
}
