namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// The audit trail: appended to, read page by page, trimmed to its retention.
/// A role of the credential store (<see cref="ICredentialRepository"/>).
/// </summary>
public interface IAuditRepository
{
    /// <summary>Appends an entry and returns its id.</summary>
    Task<long> AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// At most <paramref name="limit"/> records, newest first, with ids below <paramref name="beforeId"/> when given
    /// (keyset paging: pass the previous page's <see cref="AuditPage.NextBeforeId"/>), of one user when given.
    /// </summary>
    Task<AuditPage> ReadAuditAsync(string? userId, long? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes the audit entries recorded before <paramref name="before"/> and returns how many.</summary>
    Task<int> PurgeAuditAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
