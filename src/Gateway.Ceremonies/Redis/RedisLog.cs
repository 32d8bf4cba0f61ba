using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace PasskeyGateway.Ceremonies.Redis;

/// <summary>The Redis connection's log events (5050–5069). Settings are logged through their redacting ToString.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(5050, LogLevel.Information, "Connecting to Redis: {Settings}.")]
    public static partial void Connecting(ILogger logger, RedisConnectionSettings settings);

    [LoggerMessage(5051, LogLevel.Warning, "Redis is not reachable yet at {EndPoints}; ceremonies answer 503 until it is, and the connection keeps retrying.")]
    public static partial void NotConnectedYet(ILogger logger, string endPoints);

    [LoggerMessage(5052, LogLevel.Warning, "Lost the Redis {ConnectionType} connection to {EndPoint}: {FailureType}.")]
    public static partial void ConnectionLost(ILogger logger, ConnectionType connectionType, string? endPoint, ConnectionFailureType failureType);

    [LoggerMessage(5053, LogLevel.Information, "Restored the Redis {ConnectionType} connection to {EndPoint}.")]
    public static partial void ConnectionRestored(ILogger logger, ConnectionType connectionType, string? endPoint);

    [LoggerMessage(5054, LogLevel.Warning, "Redis at {EndPoints} did not answer a command within {Timeout}; no command is sent to it until it answers a PING again (ceremonies answer 503, rate limits count locally).")]
    public static partial void Stalled(ILogger logger, string endPoints, TimeSpan timeout);

    [LoggerMessage(5055, LogLevel.Information, "Redis at {EndPoints} answers again; commands are sent to it.")]
    public static partial void Answering(ILogger logger, string endPoints);
}
