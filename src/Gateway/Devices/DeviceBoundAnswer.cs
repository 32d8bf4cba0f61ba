namespace PasskeyGateway.Devices;

/// <summary>The answer of a device binding.</summary>
internal sealed record DeviceBoundAnswer(string DeviceId);
