using System.ComponentModel.DataAnnotations;

namespace PasskeyGateway.Ceremonies.Biometrics;

/// <summary>
/// The body of <c>POST …/biometrics/authentication</c> (DESIGN.md §4): a <c>biometric.authenticate</c> client data
/// document signed by the key and, when a device countersigns, by the device key too.
/// </summary>
public sealed record BiometricAuthenticationRequest(
    [property: Required] string? KeyId,
    [property: Required] string? ClientData,
    [property: Required] string? Signature,
    string? DeviceId,
    string? DeviceSignature);
