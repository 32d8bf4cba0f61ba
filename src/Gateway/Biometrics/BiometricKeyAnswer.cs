namespace PasskeyGateway.Biometrics;

/// <summary>The answer of a biometric key registration.</summary>
internal sealed record BiometricKeyAnswer(string KeyId);
