namespace PasskeyGateway.Ceremonies.Challenges;

public enum ChallengeStatus
{
    /// <summary>This call consumed the challenge; the state is returned.</summary>
    Consumed,

    /// <summary>Never issued, already used, or issued for another purpose.</summary>
    Unknown,

    /// <summary>Issued for this purpose but past its lifetime.</summary>
    Expired,
}
