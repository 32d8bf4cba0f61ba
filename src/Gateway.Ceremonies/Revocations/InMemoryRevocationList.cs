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

    public ValueTask<RevocationDelivery> RevokeAsync(Revocation revocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        Add(revocation);
        return ValueTask.FromResult(RevocationDelivery.Local);
    }

    /// <summary>
    /// Holds <paramref name="revocation"/>; <c>true</c> when it refuses tokens that were not refused before (a new
    /// kind and id, or a later <see cref="Revocation.RevokedAt"/>, which a user-wide revocation reads), <c>false</c>
    /// when it was known already — the repository's reloads bring back what a replica holds.
    /// </summary>
    public bool Add(Revocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        if (revocation.Kind == RevocationKind.AccountVersion && AccountVersionId.TryParse(revocation.Id, out var subject, out var validFrom))
        {
            _accountVersions.AddOrUpdate(
                subject,
                (validFrom, revocation.ExpiresAt),
                (_, existing) => (Math.Max(existing.ValidFrom, validFrom), Max(existing.ExpiresAt, revocation.ExpiresAt)));
        }

        var refusesMore = Merge((revocation.Kind, revocation.Id), revocation);
        RemoveExpired();
        return refusesMore;
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

    /// <summary>Adds, or keeps the later of each time (as the repository does); whether it moved <see cref="Revocation.RevokedAt"/> on.</summary>
    private bool Merge((RevocationKind Kind, string Id) key, Revocation revocation)
    {
        while (true)
        {
            if (!_revocations.TryGetValue(key, out var existing))
            {
                if (_revocations.TryAdd(key, revocation))
                {
                    return true;
                }

                continue;
            }

            var merged = existing with
            {
                RevokedAt = Max(existing.RevokedAt, revocation.RevokedAt),
                ExpiresAt = Max(existing.ExpiresAt, revocation.ExpiresAt),
            };
            if (merged == existing)
            {
                return false;
            }

            if (_revocations.TryUpdate(key, merged, existing))
            {
                return merged.RevokedAt > existing.RevokedAt;
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
