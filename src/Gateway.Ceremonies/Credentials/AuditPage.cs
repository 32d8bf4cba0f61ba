namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// Audit records, newest first. <paramref name="NextBeforeId"/> asks for the following page, or is <c>null</c> when
/// this page is the last.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, long? NextBeforeId);
