using System.Text.Json;
using System.Text.Json.Serialization;

namespace PasskeyGateway.Passkeys;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(Endpoints.UtcTimestampConverter)], DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegistrationOptionsRequest))]
[JsonSerializable(typeof(AuthenticationOptionsRequest))]
[JsonSerializable(typeof(PasskeyAddedAnswer))]
[JsonSerializable(typeof(Sessions.SignInAnswer))]
internal sealed partial class PasskeyJsonContext : JsonSerializerContext;
