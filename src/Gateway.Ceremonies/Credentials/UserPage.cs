namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>One page of accounts in username order, with the cursor for the next (<c>null</c> on the last page).</summary>
public sealed record UserPage(IReadOnlyList<UserListing> Users, string? Next);

/// <summary>An account and how many ways to sign in it has (passkeys and unrevoked biometric keys).</summary>
public sealed record UserListing(UserAccount User, int CredentialCount);
