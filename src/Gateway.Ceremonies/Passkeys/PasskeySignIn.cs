using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>A sign-in that verified.</summary>
/// <param name="Reauthenticates">
/// The session whose re-authentication (step-up) the options were asked for, whoever's passkey answered: the host
/// decides what becomes of it, against the session the finish presents.
/// </param>
public sealed record PasskeySignIn(UserAccount User, Passkey Passkey, VerifiedAssertion Assertion, CeremonySession? Reauthenticates = null);
