using System.ComponentModel.DataAnnotations;

namespace PasskeyGateway.Devices;

/// <summary>The body of <c>POST …/devices/verification/options</c>.</summary>
internal sealed record DeviceVerificationOptionsRequest([property: Required] string? DeviceId);
