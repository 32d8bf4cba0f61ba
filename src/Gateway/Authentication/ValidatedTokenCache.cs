using System.Collections.Concurrent;

namespace PasskeyGateway.Authentication;

/// <summary>
/// Validated tokens by hash, until they expire, so a repeated token costs a hash and a lookup instead of a signature
/// check (issue 3's benchmark target). Revocation is still checked on every hit. Bounded: when full, expired entries
/// go first, and if that is not enough the cache starts over.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider timeProvider, int capacity = ValidatedTokenCache.DefaultCapacity)
{
    public const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<TokenHash, ValidatedToken> _entries = new();

    public int Count => _entries.Count;

    public bool TryGet(in TokenHash hash, out ValidatedToken token)
    {
        if (_entries.TryGetValue(hash, out token!))
        {
            if (token.ExpiresAt > timeProvider.GetUtcNow())
            {
                return true;
            }

            _entries.TryRemove(hash, out _);
        }

        return false;
    }

    public void Add(in TokenHash hash, ValidatedToken token)
    {
        if (_entries.Count >= capacity)
        {
            Trim();
        }

        _entries[hash] = token;
    }

    private void Trim()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (key, value) in _entries)
        {
            if (value.ExpiresAt <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }

        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }
    }
}
