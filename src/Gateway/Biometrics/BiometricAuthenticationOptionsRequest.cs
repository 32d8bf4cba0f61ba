namespace PasskeyGateway.Biometrics;

/// <summary>The body of <c>POST …/biometrics/authentication/options</c>: a username or a key id.</summary>
internal sealed record BiometricAuthenticationOptionsRequest(string? Username, string? KeyId);
