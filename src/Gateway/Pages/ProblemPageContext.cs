namespace PasskeyGateway.Pages;

/// <summary>
/// What a problem page knows beyond the problem itself. A live answer (a browser refused a page) knows the page it
/// was refused, the failed conditions, when to try again and who is signed in; the documentation page of a code
/// (<c>{prefix}/problems/{code}</c>) knows none of it, <see cref="Documentation"/>.
/// </summary>
/// <param name="ReturnUrl">The same-origin path the browser asked for: where "try again" and a new sign-in lead.</param>
/// <param name="Reasons">The codes of the policy's failed conditions (<c>role-missing</c>, …).</param>
/// <param name="RetryAfterSeconds">From <c>Retry-After</c>, when the answer carries one.</param>
/// <param name="SignedInAs">The signed-in user's name, shown on a 403 so the person sees whose access is lacking.</param>
internal sealed record ProblemPageContext(string? ReturnUrl, IReadOnlyList<string>? Reasons, int? RetryAfterSeconds, string? SignedInAs)
{
    /// <summary>The documentation page of a problem code: no request behind it.</summary>
    public static readonly ProblemPageContext Documentation = new(null, null, null, null);

    public bool IsDocumentation => ReturnUrl is null;
}
