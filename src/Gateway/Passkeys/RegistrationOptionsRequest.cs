namespace PasskeyGateway.Passkeys;

/// <summary>The body of <c>POST …/passkeys/registration/options</c>.</summary>
internal sealed record RegistrationOptionsRequest(string? Username, string? DisplayName);
