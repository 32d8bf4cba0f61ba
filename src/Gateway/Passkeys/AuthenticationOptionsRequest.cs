namespace PasskeyGateway.Passkeys;

/// <summary>The body of <c>POST …/passkeys/authentication/options</c>: a username, or nothing (usernameless, autofill).</summary>
internal sealed record AuthenticationOptionsRequest(string? Username);
