using Microsoft.Extensions.Logging;
using PasskeyGateway.Ceremonies.Redis;
using StackExchange.Redis;

namespace PasskeyGateway.Ceremonies.Challenges;

/// <summary>
/// Challenges in Redis, shared by every replica (DESIGN.md §7): issued with <c>SET key value PX ttl NX</c>
/// (StackExchange.Redis writes <c>EX</c> when the time to live is whole seconds), consumed with <c>GETDEL</c>
/// (Redis 6.2+), so of any number of concurrent consumers exactly one gets the record. Keys are
/// <c>{prefix}:challenge:{purpose}:{id}</c>, the id a hash of the challenge; values are <see cref="ChallengeRecord"/>s
/// and are never logged.
/// </summary>
internal sealed class RedisChallengeStore : IChallengeStore
{
    private const int IssueAttempts = 3;

    private readonly RedisConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string[] _keyPrefixes;

    public RedisChallengeStore(RedisConnection connection, TimeProvider timeProvider, ILogger<RedisChallengeStore> logger)
    {
        _connection = connection;
        _timeProvider = timeProvider;
        _logger = logger;
        _keyPrefixes = [.. Enum.GetValues<ChallengePurpose>().Select(p => $"{connection.Settings.KeyPrefix}:challenge:{ChallengePurposes.KeySegment(p)}:")];
    }

    public async ValueTask<IssuedChallenge> IssueAsync(ChallengePurpose purpose, ReadOnlyMemory<byte> state, TimeSpan lifetime, string requester, CancellationToken cancellationToken)
    {
        var keyPrefix = KeyPrefix(purpose);
        var expiresAt = ChallengeRecord.ExpiryFor(_timeProvider.GetUtcNow(), lifetime);
        RedisValue record = ChallengeRecord.Encode(expiresAt, state.Span);

        // The key outlives the challenge by the retention, so a late answer is told "expired", not "unknown".
        var timeToLive = lifetime + ChallengeRecord.Retention;
        try
        {
            var database = await _connection.GetDatabaseAsync(cancellationToken);
            for (var attempt = 0; attempt < IssueAttempts; attempt++)
            {
                var challenge = ChallengeCodec.NewChallenge(out var id);
                if (await _connection.Bounded(database.StringSetAsync(keyPrefix + id, record, timeToLive, When.NotExists), cancellationToken))
                {
                    ChallengeLog.Issued(_logger, purpose, expiresAt);
                    return new IssuedChallenge(challenge, expiresAt);
                }
            }
        }
        catch (Exception e) when (RedisFailure.IsUnavailability(e))
        {
            throw Unavailable(e);
        }

        // NX refused three fresh 256-bit ids in a row: something other than chance is writing these keys.
        throw new InvalidOperationException($"Redis refused {IssueAttempts} new challenge keys under '{keyPrefix}': another writer uses this key prefix.");
    }

    public async ValueTask<ChallengeConsumeResult> ConsumeAsync(ChallengePurpose purpose, string challenge, CancellationToken cancellationToken)
    {
        var keyPrefix = KeyPrefix(purpose);
        if (!ChallengeCodec.TryGetId(challenge, out var id))
        {
            return ChallengeLog.Outcome(_logger, purpose, ChallengeConsumeResult.Unknown);
        }

        RedisValue record;
        try
        {
            var database = await _connection.GetDatabaseAsync(cancellationToken);
            record = await _connection.Bounded(database.StringGetDeleteAsync(keyPrefix + id), cancellationToken);
        }
        catch (Exception e) when (RedisFailure.IsUnavailability(e))
        {
            throw Unavailable(e);
        }

        if (record.IsNull)
        {
            return ChallengeLog.Outcome(_logger, purpose, ChallengeConsumeResult.Unknown);
        }

        if (!ChallengeRecord.TryDecode((byte[])record!, out var expiresAt, out var state))
        {
            ChallengeLog.Unreadable(_logger, purpose);
            return ChallengeLog.Outcome(_logger, purpose, ChallengeConsumeResult.Unknown);
        }

        return ChallengeLog.Outcome(_logger, purpose, ChallengeRecord.Judge(expiresAt, state, _timeProvider.GetUtcNow()));
    }

    private string KeyPrefix(ChallengePurpose purpose) =>
        (uint)purpose < (uint)_keyPrefixes.Length
            ? _keyPrefixes[(int)purpose]
            : throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Not a challenge purpose.");

    private ChallengeStoreUnavailableException Unavailable(Exception exception)
    {
        var reason = RedisFailure.Describe(_connection.Settings, exception);
        ChallengeLog.Unavailable(_logger, reason);
        return new ChallengeStoreUnavailableException($"The challenge store is unavailable: {reason}", exception);
    }
}
