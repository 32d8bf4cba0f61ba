namespace PasskeyGateway.Ceremonies.Challenges;

/// <summary>
/// Ceremony challenges: random, single-use, short-lived, bound to their purpose, stored with the ceremony's state
/// (DESIGN.md §7). A client keeps nothing but the challenge; the state is found again by it.
/// </summary>
public interface IChallengeStore
{
    /// <summary>
    /// Issues a new random challenge for <paramref name="purpose"/>, keeping <paramref name="state"/> for
    /// <paramref name="lifetime"/>. <paramref name="requester"/> says who asked (a client address or a user, opaque
    /// here): a bounded store holds at most a share of its room for one requester, so one cannot crowd out the rest.
    /// </summary>
    /// <exception cref="ChallengeStoreUnavailableException">The store cannot be reached.</exception>
    ValueTask<IssuedChallenge> IssueAsync(ChallengePurpose purpose, ReadOnlyMemory<byte> state, TimeSpan lifetime, string requester, CancellationToken cancellationToken);

    /// <summary>
    /// Consumes the challenge: the first call for an issued, unexpired challenge of this purpose gets its state; every
    /// other call (second use, concurrent loser, other purpose, expired, never issued) gets a failure status.
    /// </summary>
    /// <exception cref="ChallengeStoreUnavailableException">The store cannot be reached.</exception>
    ValueTask<ChallengeConsumeResult> ConsumeAsync(ChallengePurpose purpose, string challenge, CancellationToken cancellationToken);
}
