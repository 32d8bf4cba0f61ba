namespace PasskeyGateway.Tokens;

/// <summary>A minted JWT and when it expires. <see cref="ToString"/> never shows the token.</summary>
internal readonly record struct IssuedToken(string Token, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"IssuedToken(expires {ExpiresAt:O})";
}
