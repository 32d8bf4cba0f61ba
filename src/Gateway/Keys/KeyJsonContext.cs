using System.Text.Json;
using System.Text.Json.Serialization;
using PasskeyGateway.Ceremonies.Biometrics;
using PasskeyGateway.Ceremonies.Devices;
using PasskeyGateway.Ceremonies.Keys;

namespace PasskeyGateway.Keys;

/// <summary>The body of an options request that takes nothing: <c>{}</c>.</summary>
internal sealed record EmptyRequest;

/// <summary>The body of <c>POST …/devices/verification/options</c>.</summary>
internal sealed record DeviceVerificationOptionsRequest(string? DeviceId);

/// <summary>The body of <c>POST …/biometrics/authentication/options</c>: a username or a key id.</summary>
internal sealed record BiometricAuthenticationOptionsRequest(string? Username, string? KeyId);

/// <summary>The answer of a device binding.</summary>
internal sealed record DeviceBoundAnswer(string DeviceId);

/// <summary>The answer of a biometric key registration.</summary>
internal sealed record BiometricKeyAnswer(string KeyId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(DeviceBindingRequest))]
[JsonSerializable(typeof(DeviceVerificationOptionsRequest))]
[JsonSerializable(typeof(DeviceVerificationRequest))]
[JsonSerializable(typeof(BiometricRegistrationRequest))]
[JsonSerializable(typeof(BiometricAuthenticationOptionsRequest))]
[JsonSerializable(typeof(BiometricAuthenticationRequest))]
[JsonSerializable(typeof(KeyOptions))]
[JsonSerializable(typeof(DeviceBoundAnswer))]
[JsonSerializable(typeof(BiometricKeyAnswer))]
[JsonSerializable(typeof(Sessions.SignInAnswer))]
internal sealed partial class KeyJsonContext : JsonSerializerContext;
