using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>A sign-in that verified.</summary>
public sealed record PasskeySignIn(UserAccount User, Passkey Passkey, VerifiedAssertion Assertion);
