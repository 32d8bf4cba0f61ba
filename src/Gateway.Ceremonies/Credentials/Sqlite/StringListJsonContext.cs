using System.Text.Json.Serialization;

namespace PasskeyGateway.Ceremonies.Credentials.Sqlite;

/// <summary>
/// Roles and transports are stored as a JSON array of strings in one text column: any string survives, commas
/// included. (PostgreSQL has text[] for them.)
/// </summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class StringListJsonContext : JsonSerializerContext;
