using Microsoft.Extensions.Logging;

namespace PasskeyGateway.Ceremonies.Challenges;

/// <summary>
/// Challenges held in this process: the embedded single-replica default (no Redis configured, DESIGN.md §7), with the
/// Redis store's behaviour. Bounded: expired challenges leave as new ones arrive, and at capacity the oldest one is
/// dropped, so a flood of option requests costs memory for at most <see cref="Capacity"/> challenges.
/// </summary>
internal sealed class InMemoryChallengeStore : IChallengeStore
{
    /// <summary>At a few hundred bytes of state each, tens of megabytes at most.</summary>
    public const int DefaultCapacity = 100_000;

    private static readonly TimeSpan FullWarningInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<(ChallengePurpose Purpose, string Id), LinkedListNode<Entry>> _entries = [];

    // Issue order, oldest first. Challenges mostly share one lifetime, so this is also (nearly) expiry order.
    private readonly LinkedList<Entry> _byAge = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private DateTimeOffset _lastFullWarning = DateTimeOffset.MinValue;

    public InMemoryChallengeStore(TimeProvider timeProvider, ILogger<InMemoryChallengeStore> logger, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _timeProvider = timeProvider;
        _logger = logger;
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public ValueTask<IssuedChallenge> IssueAsync(ChallengePurpose purpose, ReadOnlyMemory<byte> state, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        _ = ChallengePurposes.KeySegment(purpose);
        var now = _timeProvider.GetUtcNow();
        var expiresAt = ChallengeRecord.ExpiryFor(now, lifetime);
        var stateCopy = state.ToArray();
        while (true)
        {
            var challenge = ChallengeCodec.NewChallenge(out var id);
            bool warnFull;
            lock (_lock)
            {
                // Same as SET NX: a fresh random id never collides, but if it did it must not replace another ceremony.
                if (_entries.ContainsKey((purpose, id)))
                {
                    continue;
                }

                warnFull = MakeRoom(now);
                _entries.Add((purpose, id), _byAge.AddLast(new Entry(purpose, id, stateCopy, expiresAt)));
            }

            if (warnFull)
            {
                ChallengeLog.Full(_logger, Capacity);
            }

            ChallengeLog.Issued(_logger, purpose, expiresAt);
            return ValueTask.FromResult(new IssuedChallenge(challenge, expiresAt));
        }
    }

    public ValueTask<ChallengeConsumeResult> ConsumeAsync(ChallengePurpose purpose, string challenge, CancellationToken cancellationToken)
    {
        _ = ChallengePurposes.KeySegment(purpose);
        var result = ChallengeConsumeResult.Unknown;
        if (ChallengeCodec.TryGetId(challenge, out var id))
        {
            Entry? entry = null;
            lock (_lock)
            {
                if (_entries.Remove((purpose, id), out var node))
                {
                    _byAge.Remove(node);
                    entry = node.Value;
                }
            }

            if (entry is not null)
            {
                result = ChallengeRecord.Judge(entry.ExpiresAt, entry.State, _timeProvider.GetUtcNow());
            }
        }

        return ValueTask.FromResult(ChallengeLog.Outcome(_logger, purpose, result));
    }

    /// <summary>Drops expired challenges, then the oldest one if still full; says whether to warn about capacity.</summary>
    private bool MakeRoom(DateTimeOffset now)
    {
        while (_byAge.First is { } oldest && oldest.Value.ExpiresAt + ChallengeRecord.Retention <= now)
        {
            Remove(oldest);
        }

        if (_entries.Count < Capacity)
        {
            return false;
        }

        Remove(_byAge.First!);
        if (now - _lastFullWarning < FullWarningInterval)
        {
            return false;
        }

        _lastFullWarning = now;
        return true;
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove((node.Value.Purpose, node.Value.Id));
        _byAge.Remove(node);
    }

    private sealed record Entry(ChallengePurpose Purpose, string Id, byte[] State, DateTimeOffset ExpiresAt);
}
