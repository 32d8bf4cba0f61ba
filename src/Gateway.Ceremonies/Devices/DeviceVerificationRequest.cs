using System.ComponentModel.DataAnnotations;

namespace PasskeyGateway.Ceremonies.Devices;

/// <summary>The body of <c>POST …/devices/verification</c> (DESIGN.md §4): a <c>device.verify</c> client data document, signed.</summary>
public sealed record DeviceVerificationRequest([property: Required] string? DeviceId, [property: Required] string? ClientData, [property: Required] string? Signature);
