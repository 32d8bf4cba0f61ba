using Microsoft.Extensions.Logging;

namespace PasskeyGateway.Ceremonies.Challenges;

/// <summary>The challenge stores' log events (5000–5049). Never a challenge, an id or a state: only purposes and outcomes.</summary>
internal static partial class ChallengeLog
{
    [LoggerMessage(5001, LogLevel.Debug, "Issued a {Purpose} challenge that expires at {ExpiresAt:O}.")]
    public static partial void Issued(ILogger logger, ChallengePurpose purpose, DateTimeOffset expiresAt);

    [LoggerMessage(5002, LogLevel.Debug, "Consumed a {Purpose} challenge.")]
    public static partial void Consumed(ILogger logger, ChallengePurpose purpose);

    [LoggerMessage(5003, LogLevel.Debug, "Refused a {Purpose} challenge: {Status}.")]
    public static partial void Refused(ILogger logger, ChallengePurpose purpose, ChallengeStatus status);

    [LoggerMessage(5004, LogLevel.Warning, "A {Purpose} challenge record in the store is unreadable; treated as unknown.")]
    public static partial void Unreadable(ILogger logger, ChallengePurpose purpose);

    // Debug, not Warning: during an outage every ceremony hits this; the connection logs the outage itself once
    // (RedisLog 5051-5053).
    [LoggerMessage(5005, LogLevel.Debug, "The challenge store is unavailable: {Reason}")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(5006, LogLevel.Warning, "The in-memory challenge store is full ({Capacity} challenges): the oldest unexpired ones are being dropped. Configure Redis, or expect ceremonies that began long ago to fail.")]
    public static partial void Full(ILogger logger, int capacity);

    /// <summary>Logs the outcome of a consume and hands it back.</summary>
    public static ChallengeConsumeResult Outcome(ILogger logger, ChallengePurpose purpose, ChallengeConsumeResult result)
    {
        if (result.Status == ChallengeStatus.Consumed)
        {
            Consumed(logger, purpose);
        }
        else
        {
            Refused(logger, purpose, result.Status);
        }

        return result;
    }
}
