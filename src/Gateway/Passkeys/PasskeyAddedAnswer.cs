namespace PasskeyGateway.Passkeys;

/// <summary>The answer of a registration that added a passkey to the signed-in account.</summary>
internal sealed record PasskeyAddedAnswer(string CredentialId, Endpoints.UserSummary User);
