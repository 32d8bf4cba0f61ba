namespace PasskeyGateway.Authorization;

/// <summary>
/// A condition on how recently or how the user signed in, which a new sign-in ceremony meets (RFC 9470 step-up) —
/// unlike roles, claims or a bound device, which a new ceremony of the same account does not change.
/// </summary>
internal interface IStepUpRequirement : IGatewayRequirement
{
    /// <summary>Whether a passkey sign-in made now meets it: the sign-in page offers only passkeys.</summary>
    bool IsMetByPasskeySignIn { get; }
}
