namespace PasskeyGateway.Ceremonies.Challenges;

/// <summary>The outcome of consuming a challenge; <see cref="State"/> is set only when <see cref="Status"/> is <see cref="ChallengeStatus.Consumed"/>.</summary>
public readonly record struct ChallengeConsumeResult(ChallengeStatus Status, ReadOnlyMemory<byte> State)
{
    public static ChallengeConsumeResult Unknown => new(ChallengeStatus.Unknown, ReadOnlyMemory<byte>.Empty);

    public static ChallengeConsumeResult Expired => new(ChallengeStatus.Expired, ReadOnlyMemory<byte>.Empty);

    public static ChallengeConsumeResult Consumed(ReadOnlyMemory<byte> state) => new(ChallengeStatus.Consumed, state);
}
