namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// What revoking a device revoked, in one transaction: the device and the biometric keys tied to it that were still
/// active. The caller publishes a revocation for each (DESIGN.md §10: tokens carrying them fail on the next request).
/// </summary>
public sealed record RevokedDevice(string DeviceId, IReadOnlyList<string> BiometricKeyIds);
