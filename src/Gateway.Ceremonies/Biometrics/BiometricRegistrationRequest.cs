using System.ComponentModel.DataAnnotations;

namespace PasskeyGateway.Ceremonies.Biometrics;

/// <summary>The body of <c>POST …/biometrics/registration</c> (DESIGN.md §4), as sent: binaries in base64url.</summary>
/// <param name="KeyId">Chosen by the client, unique across the gateway (a UUID is advised).</param>
/// <param name="DeviceId">A bound device of the same user to tie the key to: it countersigns from then on.</param>
/// <param name="Name">Optional, shown in the credentials list.</param>
/// <param name="ClientData">The exact bytes signed: a <c>biometric.register</c> client data document.</param>
/// <param name="DeviceSignature">The device key's signature of the same client data bytes, with <paramref name="DeviceId"/>.</param>
public sealed record BiometricRegistrationRequest(
    [property: Required] string? KeyId,
    [property: Required] string? PublicKey,
    [property: Required] string? Algorithm,
    string? SignatureFormat,
    string? DeviceId,
    string? Name,
    [property: Required] string? ClientData,
    [property: Required] string? Signature,
    string? DeviceSignature);
