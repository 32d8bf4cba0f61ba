namespace PasskeyGateway.Configuration;

/// <summary><c>Gateway:Store:Provider</c> (DESIGN.md §7).</summary>
public enum StoreProvider
{
    /// <summary>A SQLite file: the default, for one replica.</summary>
    Sqlite,

    /// <summary>PostgreSQL: for many replicas.</summary>
    Postgres,
}
