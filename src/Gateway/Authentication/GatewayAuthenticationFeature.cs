using PasskeyGateway.Problems;

namespace PasskeyGateway.Authentication;

/// <summary>What the "Gateway" scheme found on this request, for the challenge and the proxy transform.</summary>
internal sealed class GatewayAuthenticationFeature(TokenSource source, ValidatedToken? token, GatewayProblem? failure)
{
    public TokenSource Source { get; } = source;

    public ValidatedToken? Token { get; } = token;

    public GatewayProblem? Failure { get; } = failure;
}
