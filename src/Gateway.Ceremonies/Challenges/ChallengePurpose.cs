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
}
