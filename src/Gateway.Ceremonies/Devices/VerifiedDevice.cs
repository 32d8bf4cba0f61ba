using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Devices;

/// <summary>A device that proved itself for its user, its use recorded.</summary>
public sealed record VerifiedDevice(UserAccount User, BoundDevice Device);
