namespace PasskeyGateway.Problems;

/// <summary>
/// Endpoint metadata naming problems an endpoint can answer with, so the OpenAPI document lists them per status
/// (the problem codes are a contract: clients match on them). An endpoint may carry several — its group's and its
/// own — and every one counts. The problems every endpoint of a kind can get (CSRF on unsafe methods, the
/// authentication failures of an endpoint that requires it) are added by the document, not declared here.
/// </summary>
internal sealed class ProblemsMetadata(IReadOnlyList<GatewayProblem> problems)
{
    public IReadOnlyList<GatewayProblem> Problems { get; } = problems;

    public override string ToString() => "Problems: " + string.Join(", ", Problems.Select(p => p.Code));
}
