using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PasskeyGateway.Ceremonies.Challenges;

namespace PasskeyGateway.Ceremonies;

/// <summary>
/// Every ceremony's challenges, with the ceremony's state kept beside them as JSON: issued into the challenge store,
/// and taken back out of it once, the store's answer becoming the ceremony's (expired, or unknown — never issued,
/// already used, issued for another purpose) here and nowhere else.
/// </summary>
internal sealed class CeremonyChallenges(IChallengeStore store)
{
    public async Task<IssuedChallenge> IssueAsync<TState>(ChallengePurpose purpose, TState state, JsonTypeInfo<TState> stateType, TimeSpan lifetime, string requester, CancellationToken cancellationToken) =>
        await store.IssueAsync(purpose, JsonSerializer.SerializeToUtf8Bytes(state, stateType), lifetime, requester, cancellationToken);

    /// <summary>The state issued with <paramref name="challenge"/>, when this is the first use of an unexpired challenge of <paramref name="purpose"/>.</summary>
    public async Task<CeremonyResult<TState>> ConsumeAsync<TState>(ChallengePurpose purpose, string challenge, JsonTypeInfo<TState> stateType, CancellationToken cancellationToken)
        where TState : class
    {
        var consumed = await store.ConsumeAsync(purpose, challenge, cancellationToken);
        return consumed.Status switch
        {
            ChallengeStatus.Consumed => JsonSerializer.Deserialize(consumed.State.Span, stateType)!,
            ChallengeStatus.Expired => new CeremonyFailure(CeremonyError.ChallengeExpired, "The challenge has expired; start again."),
            _ => new CeremonyFailure(CeremonyError.ChallengeUnknown, "The challenge is unknown or was already used; start again."),
        };
    }
}
