namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>A stored audit entry. <paramref name="Id"/> grows with every append, so it orders the trail and pages it.</summary>
public sealed record AuditRecord(long Id, AuditEntry Entry);
