namespace PasskeyGateway.Devices;

/// <summary>The body of <c>POST …/devices/verification/options</c>.</summary>
internal sealed record DeviceVerificationOptionsRequest(string? DeviceId);
