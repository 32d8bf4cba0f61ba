using Microsoft.Extensions.Logging;

namespace PasskeyGateway.Ceremonies.Challenges;

/// <summary>
/// Challenges held in this process: the embedded single-replica default (no Redis configured, DESIGN.md §7), with the
/// Redis store's behaviour. Bounded, and fair under a flood: expired challenges leave as new ones arrive; a requester
/// (a client address, or a user) holds at most <see cref="RequesterShare"/> live challenges, its own oldest giving way
/// to its newest; and only when the store is full while no requester holds more than its share does the oldest
/// challenge of all give way. So a flooding address drops its own challenges, never a real user's still in its lifetime.
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

    // Each requester's challenges, oldest first, for its share.
    private readonly Dictionary<string, LinkedList<LinkedListNode<Entry>>> _byRequester = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private DateTimeOffset _lastFullWarning = DateTimeOffset.MinValue;

    /// <param name="requesterShare">Live challenges one requester may hold; by default a hundredth of the capacity.</param>
    public InMemoryChallengeStore(TimeProvider timeProvider, ILogger<InMemoryChallengeStore> logger, int capacity = DefaultCapacity, int? requesterShare = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _timeProvider = timeProvider;
        _logger = logger;
        Capacity = capacity;
        RequesterShare = requesterShare ?? Math.Max(1, capacity / 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(RequesterShare, 1, nameof(requesterShare));
    }

    public int Capacity { get; }

    public int RequesterShare { get; }

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

    public ValueTask<IssuedChallenge> IssueAsync(ChallengePurpose purpose, ReadOnlyMemory<byte> state, TimeSpan lifetime, string requester, CancellationToken cancellationToken)
    {
        _ = ChallengePurposes.KeySegment(purpose);
        ArgumentNullException.ThrowIfNull(requester);
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

                warnFull = MakeRoom(requester, now);
                var node = _byAge.AddLast(new Entry(purpose, id, requester, stateCopy, expiresAt));
                _entries.Add((purpose, id), node);
                if (!_byRequester.TryGetValue(requester, out var own))
                {
                    _byRequester.Add(requester, own = new LinkedList<LinkedListNode<Entry>>());
                }

                node.Value.RequesterNode = own.AddLast(node);
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
                if (_entries.TryGetValue((purpose, id), out var node))
                {
                    Remove(node);
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

    /// <summary>
    /// Drops expired challenges; then the requester's own oldest if it holds its share; else, if the store is still
    /// full, the oldest of all. Answers whether to warn about capacity.
    /// </summary>
    private bool MakeRoom(string requester, DateTimeOffset now)
    {
        while (_byAge.First is { } oldest && oldest.Value.ExpiresAt + ChallengeRecord.Retention <= now)
        {
            Remove(oldest);
        }

        if (_byRequester.TryGetValue(requester, out var own) && own.Count >= RequesterShare)
        {
            Remove(own.First!.Value);
            return false;
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
        var entry = node.Value;
        _entries.Remove((entry.Purpose, entry.Id));
        _byAge.Remove(node);
        if (entry.RequesterNode is { List: { } own } requesterNode)
        {
            own.Remove(requesterNode);
            if (own.Count == 0)
            {
                _byRequester.Remove(entry.Requester);
            }
        }
    }

    private sealed record Entry(ChallengePurpose Purpose, string Id, string Requester, byte[] State, DateTimeOffset ExpiresAt)
    {
        public LinkedListNode<LinkedListNode<Entry>>? RequesterNode { get; set; }
    }
}
