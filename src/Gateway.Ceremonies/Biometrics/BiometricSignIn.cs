using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Biometrics;

/// <summary>A biometric sign-in that verified; <paramref name="DeviceId"/> is the device that countersigned, if any.</summary>
public sealed record BiometricSignIn(UserAccount User, BiometricKey Key, string? DeviceId);
