using PasskeyGateway.Problems;

namespace PasskeyGateway.CeremonyHosting;

/// <summary>What a ceremony step answered: a result or a problem, for the response, the metrics and the audit trail.</summary>
internal sealed record CeremonyOutcome(IResult? Result, GatewayProblem? Problem, string? Detail, string? UserId)
{
    public string Label => Problem?.Code ?? "success";

    /// <summary>Set when a rate limit refused the request: how long the client should wait (<c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static CeremonyOutcome Success(IResult result, string? userId = null) => new(result, null, null, userId);

    public static CeremonyOutcome Failure(GatewayProblem problem, string? detail = null, string? userId = null) => new(null, problem, detail, userId);

    public static CeremonyOutcome RateLimited(TimeSpan retryAfter, string? userId) =>
        new(null, ProblemCatalog.RateLimited, null, userId) { RetryAfter = retryAfter };
}
