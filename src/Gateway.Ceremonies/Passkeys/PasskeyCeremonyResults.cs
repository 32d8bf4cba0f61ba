using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>The options to hand to the browser, as WebAuthn L3 JSON, and when their challenge expires.</summary>
public sealed record PasskeyOptions(string OptionsJson, DateTimeOffset ExpiresAt);

/// <summary>A registration that verified and was stored; <see cref="AccountCreated"/> when it created the account.</summary>
public sealed record PasskeyRegistration(UserAccount User, Passkey Passkey, bool AccountCreated, bool UserVerified);

/// <summary>A sign-in that verified.</summary>
public sealed record PasskeySignIn(UserAccount User, Passkey Passkey, VerifiedAssertion Assertion);
