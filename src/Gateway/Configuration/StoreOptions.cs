namespace PasskeyGateway.Configuration;

public sealed record StoreOptions
{
    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>, case-insensitive.</summary>
    public string Provider { get; init; } = "Sqlite";

    public string ConnectionString { get; init; } = "Data Source=gateway.db";
}
