namespace PasskeyGateway.Headers;

internal sealed record IdentityHeaderMapping(string Header, string ClaimType);
