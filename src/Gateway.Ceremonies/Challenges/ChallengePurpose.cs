namespace PasskeyGateway.Ceremonies.Challenges;

/// <summary>What a challenge was issued for. A challenge can only be consumed for its own purpose.</summary>
public enum ChallengePurpose
{
    PasskeyRegistration,
    PasskeyAuthentication,
    DeviceBinding,
    DeviceVerification,
    BiometricRegistration,
    BiometricAuthentication,

    /// <summary>A passkey registration through an enrollment or recovery link; the challenge carries the link's hash.</summary>
    Enrollment,
}
