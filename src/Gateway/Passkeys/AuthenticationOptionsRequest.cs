namespace PasskeyGateway.Passkeys;

/// <summary>
/// The body of <c>POST …/passkeys/authentication/options</c>: a username, or nothing (usernameless, autofill); with
/// <paramref name="Reauthenticate"/>, signed in, a new sign-in for the current session (step-up).
/// </summary>
internal sealed record AuthenticationOptionsRequest(string? Username, bool Reauthenticate = false);
