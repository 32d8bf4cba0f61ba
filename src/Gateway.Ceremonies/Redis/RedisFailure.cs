using StackExchange.Redis;

namespace PasskeyGateway.Ceremonies.Redis;

/// <summary>
/// Turns StackExchange.Redis failures into one clear sentence for operators. The sentence is built from failure kinds
/// and the redacted settings only, never from the library's message, so it cannot carry a password or a value.
/// </summary>
internal static class RedisFailure
{
    /// <summary>Whether <paramref name="exception"/> means Redis cannot serve us now (as opposed to a bug in the call).</summary>
    public static bool IsUnavailability(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or RedisServerException or TimeoutException;

    public static string Describe(RedisConnectionSettings settings, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var where = $"Redis at {settings.EndPoints}";
        if (IsAuthenticationFailure(exception))
        {
            var who = settings.User is { } user ? $"user '{user}'" : "the default user";
            return $"{where} refused the credentials of {who}: check the user and password in Gateway:Redis:Configuration.";
        }

        return exception switch
        {
            RedisStalledException => $"{where} did not answer in time a moment ago and is left alone until it answers again.",
            RedisTimeoutException or TimeoutException => $"{where} did not answer in time.",
            RedisServerException server => $"{where} refused the command ({ErrorCode(server.Message)}).",
            RedisConnectionException connection => $"{where} is not reachable ({InnermostFailure(connection)}).",
            _ => $"{where} failed ({exception.GetType().Name}).",
        };
    }

    private static bool IsAuthenticationFailure(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure } ||
                exception.Message.Contains("NOAUTH", StringComparison.Ordinal) ||
                exception.Message.Contains("WRONGPASS", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static ConnectionFailureType InnermostFailure(RedisConnectionException exception)
    {
        var failure = exception.FailureType;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is RedisConnectionException connection)
            {
                failure = connection.FailureType;
            }
        }

        return failure;
    }

    /// <summary>Redis error replies start with an upper-case code (<c>OOM</c>, <c>READONLY</c>, <c>NOPERM</c>); only that is repeated.</summary>
    private static string ErrorCode(string message)
    {
        var code = message.Split(' ', 2)[0];
        return code.Length is > 0 and <= 24 && code.All(char.IsAsciiLetterUpper) ? code : "error";
    }
}
