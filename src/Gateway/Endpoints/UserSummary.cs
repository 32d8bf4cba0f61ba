namespace PasskeyGateway.Endpoints;

/// <summary>The <c>user</c> member of sign-in answers and of <c>/.auth/me</c>.</summary>
internal sealed record UserSummary(string Id, string? Username);
