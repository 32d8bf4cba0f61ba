using System.Text.Json.Serialization;

namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// Roles and transports are stored as a JSON array of strings: one portable text column (PostgreSQL can read it as
/// jsonb), and any string survives, commas included.
/// </summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class StringListJsonContext : JsonSerializerContext;
