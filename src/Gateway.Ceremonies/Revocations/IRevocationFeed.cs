namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>
/// Says when the revocations this replica holds have grown, however it learned of them: one made here, one another
/// replica announced, one read from the repository. For what keeps a token past its request (an open WebSocket or
/// event stream): the listener re-checks the tokens it holds with <see cref="IRevocationList.FindRevocation"/>, which
/// stays the one rule of what a revocation refuses; the feed says only <em>that</em>, never <em>what</em>.
/// </summary>
public interface IRevocationFeed
{
    /// <summary>
    /// Raised after revocations were added, on the thread that added them (a revoking request, Redis's subscription,
    /// the poller): a handler must return at once and do its work elsewhere.
    /// </summary>
    event Action? RevocationsAdded;
}
