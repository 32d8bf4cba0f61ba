using System.ComponentModel.DataAnnotations;

namespace PasskeyGateway.Ceremonies.Devices;

/// <summary>The body of <c>POST …/devices/binding</c> (DESIGN.md §4), as sent: binaries in base64url.</summary>
/// <param name="PublicKey">SubjectPublicKeyInfo.</param>
/// <param name="Algorithm"><c>RS256</c>, <c>PS256</c> or <c>ES256</c>.</param>
/// <param name="SignatureFormat"><c>der</c> (default) or <c>raw</c> (ES256 only).</param>
/// <param name="ClientData">The exact bytes signed: a <c>device.bind</c> client data document.</param>
public sealed record DeviceBindingRequest(
    [property: Required] string? DeviceKeyId,
    [property: Required] string? PublicKey,
    [property: Required] string? Algorithm,
    string? SignatureFormat,
    string? Name,
    string? Platform,
    [property: Required] string? ClientData,
    [property: Required] string? Signature);
