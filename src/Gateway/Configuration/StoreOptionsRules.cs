namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:Store</c>.</summary>
internal static class StoreOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var store = options.Store;
        if (store.Provider == StoreProvider.Sqlite)
        {
            try
            {
                var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(store.ConnectionString);
                if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
                {
                    problems.Add(ConfigProblem.Error("Gateway.Store.ConnectionString", "needs a file: Data Source=gateway.db (relative to DataDirectory)."));
                }
            }
            catch (ArgumentException e)
            {
                problems.Add(ConfigProblem.Error("Gateway.Store.ConnectionString", $"is not a SQLite connection string: {e.Message}"));
            }
        }

        if (store.AuditRetention < TimeSpan.FromDays(1))
        {
            problems.Add(ConfigProblem.Error("Gateway.Store.AuditRetention", "must be at least one day (\"1.00:00:00\"); the default is 90 days."));
        }
    }
}
