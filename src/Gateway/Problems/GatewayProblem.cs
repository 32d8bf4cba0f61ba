namespace PasskeyGateway.Problems;

/// <summary>
/// An expected failure: a stable <see cref="Code"/> (the last segment of the problem <c>type</c>), its HTTP status and
/// a title for people. Mapped to RFC 9457 problem+json in one place, <see cref="ProblemWriter"/>.
/// </summary>
internal sealed record GatewayProblem(string Code, int Status, string Title);
