namespace PasskeyGateway.Ceremonies.Challenges;

internal static class ChallengePurposes
{
    /// <summary>
    /// The purpose's name inside a store key. Spelt out rather than derived from the enum, so renaming a member
    /// cannot orphan the challenges other replicas issued under the old name.
    /// </summary>
    public static string KeySegment(ChallengePurpose purpose) => purpose switch
    {
        ChallengePurpose.PasskeyRegistration => "passkey-registration",
        ChallengePurpose.PasskeyAuthentication => "passkey-authentication",
        ChallengePurpose.DeviceBinding => "device-binding",
        ChallengePurpose.DeviceVerification => "device-verification",
        ChallengePurpose.BiometricRegistration => "biometric-registration",
        ChallengePurpose.BiometricAuthentication => "biometric-authentication",
        ChallengePurpose.Enrollment => "enrollment",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Not a challenge purpose."),
    };
}
