using PasskeyGateway.Problems;

namespace PasskeyGateway.ForwardAuth;

/// <summary>The described request, or why the proxy's description is refused.</summary>
internal readonly record struct DescribedRequestReading(DescribedRequest? Request, GatewayProblem? Problem, string? Detail)
{
    public static DescribedRequestReading Of(DescribedRequest request) => new(request, null, null);

    public static DescribedRequestReading Invalid(string detail) => new(null, ProblemCatalog.ForwardedRequestInvalid, detail);

    public static DescribedRequestReading Ambiguous(string detail) => new(null, ProblemCatalog.PathAmbiguous, detail);
}
