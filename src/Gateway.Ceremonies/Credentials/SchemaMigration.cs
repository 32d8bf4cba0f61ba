namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// One step of a store's schema, applied once in version order and recorded in its <c>schema_version</c> table.
/// Steps are never edited once released: a change is a new step.
/// </summary>
internal sealed record SchemaMigration(int Version, string Description, string Sql);
