using System.Text.Json;
using System.Text.Json.Serialization;
using PasskeyGateway.Ceremonies.ClientKeys;
using PasskeyGateway.Ceremonies.Devices;
using PasskeyGateway.CeremonyHosting;

namespace PasskeyGateway.Devices;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(DeviceBindingRequest))]
[JsonSerializable(typeof(DeviceVerificationOptionsRequest))]
[JsonSerializable(typeof(DeviceVerificationRequest))]
[JsonSerializable(typeof(ClientKeyOptions))]
[JsonSerializable(typeof(DeviceBoundAnswer))]
[JsonSerializable(typeof(Sessions.SignInAnswer))]
internal sealed partial class DeviceJsonContext : JsonSerializerContext;
