using PasskeyGateway.Problems;

namespace PasskeyGateway.Ceremonies;

/// <summary>What a ceremony step answered: a result or a problem, for the response, the metrics and the audit trail.</summary>
internal sealed record CeremonyOutcome(IResult? Result, GatewayProblem? Problem, string? Detail, string? UserId)
{
    public string Label => Problem?.Code ?? "success";

    public static CeremonyOutcome Success(IResult result, string? userId = null) => new(result, null, null, userId);

    public static CeremonyOutcome Failure(GatewayProblem problem, string? detail = null, string? userId = null) => new(null, problem, detail, userId);
}
