namespace PasskeyGateway.Authorization;

/// <summary>What the gateway does with a request, as <c>gateway explain</c> and <c>/.auth/verify</c> report it.</summary>
internal enum AccessOutcome
{
    /// <summary>Passed on to the application.</summary>
    Allow,

    /// <summary>401: no credential, or one that was refused.</summary>
    Unauthenticated,

    /// <summary>A browser navigation without a session: sent to the sign-in page.</summary>
    Redirect,

    /// <summary>
    /// The policy asks for a new sign-in (RFC 9470): 401 with <c>insufficient_user_authentication</c>, or for a browser
    /// navigation the sign-in page with <c>maxAge</c> (<see cref="StepUp"/>).
    /// </summary>
    StepUp,

    /// <summary>403: the policy, the CSRF rule or the WebSocket origin rule refuses it.</summary>
    Forbidden,

    /// <summary>400: the request itself is refused (an ambiguous path).</summary>
    Invalid,

    /// <summary>No route of the gateway matches: never passed anywhere.</summary>
    NoRoute,

    /// <summary>503: the credential cannot be judged right now (this replica's revocations are stale).</summary>
    Unavailable,
}
