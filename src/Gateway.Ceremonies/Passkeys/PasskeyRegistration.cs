using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>A registration that verified and was stored; <see cref="AccountCreated"/> when it created the account.</summary>
public sealed record PasskeyRegistration(UserAccount User, Passkey Passkey, bool AccountCreated, bool UserVerified);
