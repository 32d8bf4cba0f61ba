namespace PasskeyGateway.Ceremonies.Challenges;

/// <summary>
/// Ceremony challenges: random, single-use, short-lived, bound to their purpose, stored with the ceremony's state
/// (DESIGN.md §7). A client keeps nothing but the challenge; the state is found again by it.
/// </summary>
public interface IChallengeStore
{
    /// <summary>Issues a new random challenge for <paramref name="purpose"/>, keeping <paramref name="state"/> for <paramref name="lifetime"/>.</summary>
    /// <exception cref="ChallengeStoreUnavailableException">The store cannot be reached.</exception>
    ValueTask<IssuedChallenge> IssueAsync(ChallengePurpose purpose, ReadOnlyMemory<byte> state, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>
    /// Consumes the challenge: the first call for an issued, unexpired challenge of this purpose gets its state; every
    /// other call (second use, concurrent loser, other purpose, expired, never issued) gets a failure status.
    /// </summary>
    /// <exception cref="ChallengeStoreUnavailableException">The store cannot be reached.</exception>
    ValueTask<ChallengeConsumeResult> ConsumeAsync(ChallengePurpose purpose, string challenge, CancellationToken cancellationToken);
}
