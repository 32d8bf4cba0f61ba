using PasskeyGateway.Problems;

namespace PasskeyGateway.Authorization;

/// <summary>
/// The gateway's decision on one request: the route and policy that applied, each condition checked, and the outcome
/// with the problem and failure codes of a refusal.
/// </summary>
internal sealed record AccessDecision(
    AccessOutcome Outcome,
    string? RouteId,
    string? ClusterId,
    string Policy,
    IReadOnlyList<AccessCondition> Conditions,
    GatewayProblem? Problem = null,
    string? Detail = null,
    StepUp? StepUp = null)
{
    public static readonly AccessDecision NoRoute = new(AccessOutcome.NoRoute, null, null, "", [], ProblemCatalog.NoRoute);

    /// <summary>The failure codes of the conditions that did not hold (the 403 and step-up answers' <c>reasons</c>).</summary>
    public IReadOnlyList<string> Reasons =>
        [.. Conditions.Where(c => !c.Passed && c.Reason is not null).Select(c => c.Reason!).Distinct(StringComparer.Ordinal)];
}
