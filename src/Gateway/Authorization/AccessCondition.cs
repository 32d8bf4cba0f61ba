namespace PasskeyGateway.Authorization;

/// <summary>One condition a request was checked against: what it asks, whether it held, and why not.</summary>
/// <param name="Condition">The condition in words ("role in [admins]").</param>
/// <param name="Reason">When it failed, the stable code the 4xx answer carries.</param>
internal sealed record AccessCondition(string Condition, bool Passed, string? Reason = null);
