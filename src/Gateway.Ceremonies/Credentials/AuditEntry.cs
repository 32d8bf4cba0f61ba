namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// One line of the audit trail. Never put a secret in it: no tokens, challenges, signatures or key material.
/// </summary>
/// <param name="Event">What happened, e.g. <c>passkey.authentication</c>, <c>device.revoke</c>.</param>
/// <param name="Outcome">e.g. <c>success</c>, or the problem code of a refusal (<c>signature-invalid</c>).</param>
public sealed record AuditEntry(
    DateTimeOffset At,
    string? UserId,
    string Event,
    string Outcome,
    string? ClientIp,
    string? UserAgent,
    string? Detail);
