using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PasskeyGateway.Ceremonies.Credentials.Sqlite;

/// <summary>How record values are written to and read from the columns of <see cref="SqliteSchema"/>.</summary>
internal static class SqliteValues
{
    public static object ToParameter(object? value) => value switch
    {
        null => DBNull.Value,
        string text => text,
        // Microsoft.Data.Sqlite binds byte[] but not ReadOnlyMemory<byte>.
        ReadOnlyMemory<byte> bytes => bytes.ToArray(),
        DateTimeOffset time => ToUnixMicroseconds(time),
        Guid guid => guid.ToString("D"),
        Enum member => member.ToString(),
        IReadOnlyList<string> list => JsonSerializer.Serialize([.. list], StringListJsonContext.Default.StringArray),
        uint number => (long)number,
        _ => value,
    };

    public static byte[] GetBytes(this SqliteDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal) => FromUnixMicroseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetNullableTime(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetTime(ordinal);

    public static T GetEnum<T>(this SqliteDataReader reader, int ordinal)
        where T : struct, Enum => Enum.Parse<T>(reader.GetString(ordinal));

    public static string[] GetStringList(this SqliteDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize(reader.GetString(ordinal), StringListJsonContext.Default.StringArray) ?? [];

    private static long ToUnixMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static DateTimeOffset FromUnixMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
