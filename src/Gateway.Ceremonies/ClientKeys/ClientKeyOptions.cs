namespace PasskeyGateway.Ceremonies.ClientKeys;

/// <summary>
/// The options of a device or biometric-key ceremony: the challenge to sign and when it expires; for a username-first
/// biometric sign-in, the user's active key ids (empty for an unknown user, DESIGN.md §10).
/// </summary>
public sealed record ClientKeyOptions(string Challenge, DateTimeOffset ExpiresAt, IReadOnlyList<string>? AllowKeys = null)
{
    public override string ToString() => $"ClientKeyOptions(expires {ExpiresAt:O})";
}
