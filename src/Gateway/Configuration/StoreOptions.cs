namespace PasskeyGateway.Configuration;

public sealed record StoreOptions
{
    public StoreProvider Provider { get; init; } = StoreProvider.Sqlite;

    public string ConnectionString { get; init; } = "Data Source=gateway.db";

    /// <summary>
    /// How long audit entries are kept (they hold client addresses and user agents): 90 days unless set, at least a
    /// day. Each replica deletes older entries at start and then every hour.
    /// </summary>
    public TimeSpan AuditRetention { get; init; } = TimeSpan.FromDays(90);
}
