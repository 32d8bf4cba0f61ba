using System.Diagnostics.CodeAnalysis;
using System.Net;
using StackExchange.Redis;

namespace PasskeyGateway.Ceremonies.Redis;

/// <summary>
/// Where Redis is and how to reach it, parsed once from <c>Gateway:Redis:Configuration</c> (DESIGN.md §10): a
/// <c>redis://</c>/<c>rediss://</c> URL or a StackExchange.Redis configuration string. <see cref="ToString"/> and every
/// parse error hide the password.
/// </summary>
public sealed class RedisConnectionSettings
{
    public const string DefaultKeyPrefix = "gateway";

    /// <summary>
    /// Connect, command and response timeouts unless the configuration string names its own: a ceremony waits at most
    /// this long for a Redis that does not answer, then gets a 503 (DESIGN.md §7: fail fast).
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    private readonly ConfigurationOptions _options;

    private RedisConnectionSettings(ConfigurationOptions options, string keyPrefix)
    {
        _options = options;
        KeyPrefix = keyPrefix;
        EndPoints = string.Join(",", options.EndPoints.Select(Format));
    }

    /// <summary>Prepended to every key the gateway writes: <c>{prefix}:challenge:{purpose}:{id}</c>.</summary>
    public string KeyPrefix { get; }

    /// <summary>The servers, as <c>host:port</c> pairs, for messages.</summary>
    public string EndPoints { get; }

    /// <summary>The ACL user, when one is configured.</summary>
    public string? User => _options.User;

    public bool UseTls => _options.Ssl;

    public int Database => _options.DefaultDatabase ?? 0;

    /// <summary>How long one command may wait for its answer: the configuration's <c>asyncTimeout</c>, 2 s unless named.</summary>
    public TimeSpan CommandTimeout => TimeSpan.FromMilliseconds(_options.AsyncTimeout);

    /// <exception cref="FormatException">The configuration is not usable; the message says why, without the password.</exception>
    public static RedisConnectionSettings Parse(string configuration, string keyPrefix = DefaultKeyPrefix) =>
        TryParse(configuration, keyPrefix, out var settings, out var error)
            ? settings
            : throw new FormatException($"Gateway:Redis:Configuration: {error}");

    /// <summary>Parses without throwing, so configuration validation can report the problem beside every other one.</summary>
    public static bool TryParse(
        string? configuration,
        string? keyPrefix,
        [NotNullWhen(true)] out RedisConnectionSettings? settings,
        [NotNullWhen(false)] out string? error)
    {
        settings = null;
        if (string.IsNullOrWhiteSpace(configuration))
        {
            error = "is empty: give a redis:// URL or a StackExchange.Redis configuration string.";
            return false;
        }

        if (string.IsNullOrWhiteSpace(keyPrefix) || keyPrefix.Any(char.IsWhiteSpace))
        {
            error = "the key prefix must be a non-empty word without spaces.";
            return false;
        }

        ConfigurationOptions options;
        if (RedisUrl.LooksLikeUrl(configuration))
        {
            options = new ConfigurationOptions();
            if (!RedisUrl.TryApply(configuration, options, out error))
            {
                return false;
            }
        }
        else if (!TryParseConfigurationString(configuration, out options!, out error))
        {
            return false;
        }

        if (options.EndPoints.Count == 0)
        {
            error = "names no Redis server (host:port).";
            return false;
        }

        ApplyGatewayDefaults(options, configuration);
        settings = new RedisConnectionSettings(options, keyPrefix);
        return true;
    }

    /// <summary>A copy for one <see cref="ConnectionMultiplexer"/>: the multiplexer keeps and may change what it is given.</summary>
    internal ConfigurationOptions CreateConfigurationOptions() => _options.Clone();

    public override string ToString() => $"{_options.ToString(includePassword: false)} (key prefix '{KeyPrefix}')";

    private static bool TryParseConfigurationString(string configuration, [NotNullWhen(true)] out ConfigurationOptions? options, [NotNullWhen(false)] out string? error)
    {
        try
        {
            options = ConfigurationOptions.Parse(configuration);
            error = null;
            return true;
        }
        catch (ArgumentException e)
        {
            // StackExchange.Redis quotes the offending value; scrub whatever might be a password before repeating it.
            options = null;
            error = $"is not a valid StackExchange.Redis configuration string: {RedactPasswords(e.Message, configuration)}";
            return false;
        }
    }

    private static void ApplyGatewayDefaults(ConfigurationOptions options, string configuration)
    {
        // The gateway must start, and keep serving authenticated traffic, while Redis is down; it reconnects by itself.
        options.AbortOnConnectFail = false;

        // Commands issued while disconnected fail at once instead of queueing until their timeout: a ceremony gets
        // its 503 immediately and the client retries (DESIGN.md §7).
        options.BacklogPolicy = BacklogPolicy.FailFast;

        // Retry soon after an outage, but never wait more than 5 s between attempts once Redis is back.
        options.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 500, maxDeltaBackOffMilliseconds: 5000);

        var timeout = (int)DefaultTimeout.TotalMilliseconds;
        if (!Names(configuration, "connectTimeout"))
        {
            options.ConnectTimeout = timeout;
        }

        if (!Names(configuration, "asyncTimeout"))
        {
            options.AsyncTimeout = timeout;
        }

        if (!Names(configuration, "syncTimeout"))
        {
            options.SyncTimeout = timeout;
        }

        // Endpoints without a port get 6379, or 6380 with TLS, as StackExchange.Redis would when connecting.
        options.SetDefaultPorts();
    }

    private static bool Names(string configuration, string keyword) =>
        !RedisUrl.LooksLikeUrl(configuration) &&
        configuration.Split(',').Any(part => part.TrimStart().StartsWith(keyword + "=", StringComparison.OrdinalIgnoreCase));

    private static string RedactPasswords(string message, string configuration)
    {
        foreach (var part in configuration.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var value = equals < 0 ? string.Empty : part[(equals + 1)..].Trim();
            if (value.Length > 0 && part[..equals].Trim().EndsWith("password", StringComparison.OrdinalIgnoreCase))
            {
                message = message.Replace(value, "*****", StringComparison.Ordinal);
            }
        }

        return message;
    }

    private static string Format(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "?",
    };
}
