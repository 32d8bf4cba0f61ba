namespace PasskeyGateway.Observability;

internal enum AuthDecision
{
    Allow,
    Unauthenticated,
    Redirect,

    /// <summary>The policy asks for a new sign-in (RFC 9470): a 401 challenge, or a browser sent to the sign-in page.</summary>
    StepUp,
    Forbidden,
}
