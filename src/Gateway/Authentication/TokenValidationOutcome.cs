using PasskeyGateway.Problems;

namespace PasskeyGateway.Authentication;

/// <summary>Either a validated token or the problem that refused it.</summary>
internal readonly record struct TokenValidationOutcome(ValidatedToken? Token, GatewayProblem? Problem)
{
    public static TokenValidationOutcome Success(ValidatedToken token) => new(token, null);

    public static TokenValidationOutcome Failure(GatewayProblem problem) => new(null, problem);
}
