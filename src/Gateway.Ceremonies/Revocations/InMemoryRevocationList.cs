using System.Collections.Concurrent;

namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>
/// Revocations held in this process only: the embedded single-replica default. Expired entries are dropped as new
/// ones arrive, so the table holds at most the revocations of one session lifetime.
/// </summary>
internal sealed class InMemoryRevocationList(TimeProvider timeProvider) : IRevocationList
{
    private readonly ConcurrentDictionary<(RevocationKind Kind, string Id), Revocation> _revocations = new();

    // The AccountVersion revocations by user, as the lowest version still valid (and when that stops mattering):
    // looked up by sub, so checking a token allocates nothing.
    private readonly ConcurrentDictionary<string, (long ValidFrom, DateTimeOffset ExpiresAt)> _accountVersions = new(StringComparer.Ordinal);

    public int Count => _revocations.Count;

    public RevocationKind? FindRevocation(in TokenRevocationKeys keys)
    {
        if (_revocations.IsEmpty)
        {
            return null;
        }

        if (keys.SessionId is { } sid && _revocations.ContainsKey((RevocationKind.Session, sid)))
        {
            return RevocationKind.Session;
        }

        if (keys.CredentialId is { } credentialId && _revocations.ContainsKey((RevocationKind.Credential, credentialId)))
        {
            return RevocationKind.Credential;
        }

        if (keys.DeviceId is { } deviceId && _revocations.ContainsKey((RevocationKind.Device, deviceId)))
        {
            return RevocationKind.Device;
        }

        if (!_accountVersions.IsEmpty && _accountVersions.TryGetValue(keys.Subject, out var account) && keys.AccountVersion < account.ValidFrom)
        {
            return RevocationKind.AccountVersion;
        }

        // A user-wide revocation refuses the sessions that began before it, not the ones started since.
        if (_revocations.TryGetValue((RevocationKind.User, keys.Subject), out var user) && keys.AuthenticatedAt <= user.RevokedAt)
        {
            return RevocationKind.User;
        }

        return null;
    }

    public ValueTask RevokeAsync(Revocation revocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        Add(revocation);
        return ValueTask.CompletedTask;
    }

    public void Add(Revocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        if (revocation.Kind == RevocationKind.AccountVersion && AccountVersionId.TryParse(revocation.Id, out var subject, out var validFrom))
        {
            _accountVersions.AddOrUpdate(
                subject,
                (validFrom, revocation.ExpiresAt),
                (_, existing) => (Math.Max(existing.ValidFrom, validFrom), Max(existing.ExpiresAt, revocation.ExpiresAt)));
        }

        _revocations.AddOrUpdate(
            (revocation.Kind, revocation.Id),
            revocation,
            (_, existing) => existing with
            {
                RevokedAt = Max(existing.RevokedAt, revocation.RevokedAt),
                ExpiresAt = Max(existing.ExpiresAt, revocation.ExpiresAt),
            });
        RemoveExpired();
    }

    public void RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (key, revocation) in _revocations)
        {
            if (revocation.ExpiresAt <= now)
            {
                _revocations.TryRemove(key, out _);
            }
        }

        foreach (var (subject, account) in _accountVersions)
        {
            if (account.ExpiresAt <= now)
            {
                _accountVersions.TryRemove(subject, out _);
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
