using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.ClientKeys;

/// <summary>
/// The challenge half of every device and biometric-key ceremony: issues challenges with their state, and takes a
/// signed client data document back to the challenge it answers, checking what the document says about the ceremony
/// (type, challenge, origin, session). The ids and the signatures are each ceremony's to check.
/// </summary>
internal sealed class KeyChallenges(CeremonyChallenges challenges, KeyCeremonySettings settings)
{
    public async Task<ClientKeyOptions> IssueAsync(ChallengePurpose purpose, KeyChallengeState state, string requester, CancellationToken cancellationToken, IReadOnlyList<string>? allowKeys = null)
    {
        var issued = await challenges.IssueAsync(purpose, state, KeyChallengeStateJsonContext.Default.KeyChallengeState, settings.ChallengeLifetime, requester, cancellationToken);
        return new ClientKeyOptions(issued.Challenge, issued.ExpiresAt, allowKeys);
    }

    /// <summary>A challenge for a ceremony inside <paramref name="session"/>, bound to it, while its user is active.</summary>
    public async Task<CeremonyResult<ClientKeyOptions>> IssueInSessionAsync(ChallengePurpose purpose, CeremonySession session, string requester, ICredentialRepository repository, CancellationToken cancellationToken)
    {
        var user = await repository.FindActiveUserAsync(session.UserId, cancellationToken);
        if (!user.Succeeded)
        {
            return user.Failure;
        }

        return await IssueAsync(purpose, new KeyChallengeState { UserId = session.UserId, SessionId = session.SessionId }, requester, cancellationToken);
    }

    /// <summary>
    /// Reads the request's <c>clientData</c> and <c>signature</c> (base64url) and consumes the challenge the client data
    /// answers. With a <paramref name="session"/>, the challenge must have been issued to that session; without one
    /// (a sign-in), the state says what the answer must match.
    /// </summary>
    public async Task<CeremonyResult<ConsumedKeyChallenge>> ConsumeAsync(
        ChallengePurpose purpose,
        string expectedType,
        string? clientData,
        string? signature,
        CeremonySession? session,
        CancellationToken cancellationToken)
    {
        var signed = SignedClientData.Read(clientData, signature);
        if (!signed.Succeeded)
        {
            return signed.Failure;
        }

        if (!ClientData.TryRead(signed.Value.ClientData, out var document))
        {
            return new CeremonyFailure(CeremonyError.ClientDataInvalid, "clientData is not a UTF-8 JSON object with string type, challenge and origin members, each given once.");
        }

        // WebAuthn L3 §7.2 step 11 (the same order): the type first, so a signature made for another ceremony is
        // refused before the challenge it carries is looked at.
        if (!string.Equals(document.Type, expectedType, StringComparison.Ordinal))
        {
            return new CeremonyFailure(CeremonyError.ClientDataTypeMismatch, $"The client data's type must be \"{expectedType}\".");
        }

        // Step 12: the challenge, single-use and bound to this purpose by the store.
        var consumed = await challenges.ConsumeAsync(purpose, document.Challenge, KeyChallengeStateJsonContext.Default.KeyChallengeState, cancellationToken);
        if (!consumed.Succeeded)
        {
            return consumed.Failure;
        }

        // Step 13: the origin, compared exactly with the configured web and app origins.
        if (!settings.Origins.Contains(document.Origin))
        {
            return new CeremonyFailure(CeremonyError.OriginMismatch, "The client data's origin is not one this gateway accepts for devices.");
        }

        var state = consumed.Value;
        if (session is not null
            && (!string.Equals(state.UserId, session.UserId, StringComparison.Ordinal) || !string.Equals(state.SessionId, session.SessionId, StringComparison.Ordinal)))
        {
            return new CeremonyFailure(CeremonyError.ChallengeUnknown, "The challenge was issued to another session; start again.");
        }

        return new ConsumedKeyChallenge(document, state, signed.Value);
    }
}
