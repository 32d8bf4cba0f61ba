using System.Text.Json;
using System.Text.Json.Serialization;

namespace PasskeyGateway.Endpoints;

/// <summary>Source-generated JSON for the gateway's own responses (STYLE.md: hot paths avoid reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(Endpoints.UtcTimestampConverter)], DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(OpenIdConfiguration))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
