using System.Data.Common;

namespace PasskeyGateway.Testing;

/// <summary>Reads what a test's own SQL returns, for looking at a store behind its repository's back.</summary>
internal static class DbCommandRows
{
    /// <summary>Runs the command and returns every row as its column values.</summary>
    public static async Task<List<object?[]>> ReadAllRowsAsync(this DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows;
    }
}
