using System.Text.Json;
using System.Text.Json.Serialization;
using PasskeyGateway.Ceremonies.Biometrics;
using PasskeyGateway.Ceremonies.ClientKeys;
using PasskeyGateway.CeremonyHosting;

namespace PasskeyGateway.Biometrics;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(BiometricRegistrationRequest))]
[JsonSerializable(typeof(BiometricAuthenticationOptionsRequest))]
[JsonSerializable(typeof(BiometricAuthenticationRequest))]
[JsonSerializable(typeof(ClientKeyOptions))]
[JsonSerializable(typeof(BiometricKeyAnswer))]
[JsonSerializable(typeof(Sessions.SignInAnswer))]
internal sealed partial class BiometricJsonContext : JsonSerializerContext;
