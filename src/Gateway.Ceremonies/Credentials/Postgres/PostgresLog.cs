namespace PasskeyGateway.Ceremonies.Credentials.Postgres;

/// <summary>Log events of the PostgreSQL credential store: 6100–6199.</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(6101, LogLevel.Information, "Credential store {DataSource}: another replica holds the schema migration lock; waiting for it.")]
    public static partial void WaitingForMigrationLock(ILogger logger, string dataSource);
}
