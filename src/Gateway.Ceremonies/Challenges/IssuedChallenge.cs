namespace PasskeyGateway.Ceremonies.Challenges;

/// <summary>A new challenge: base64url without padding, as sent to the client. <see cref="ToString"/> hides it.</summary>
public sealed record IssuedChallenge(string Challenge, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"IssuedChallenge(expires {ExpiresAt:O})";
}
