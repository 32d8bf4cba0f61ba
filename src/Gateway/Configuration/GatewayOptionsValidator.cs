using System.Net;
using PasskeyGateway.Headers;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Configuration;

/// <summary>
/// Checks the normalized <c>Gateway</c> section. Every rule runs, none short-circuits, so one run reports every
/// problem (like YARP's ConfigValidator). Insecure combinations are errors, not warnings.
/// </summary>
internal static class GatewayOptionsValidator
{
    private static readonly string[] VerificationValues = ["required", "preferred", "discouraged"];
    private static readonly string[] AttestationValues = ["none", "verify", "require"];
    private static readonly string[] AuthMethodValues = ["passkey", "biometric", "external"];
    private static readonly string[] StoreProviders = ["Sqlite", "Postgres"];
    private static readonly string[] LogFormats = ["text", "json"];

    /// <summary>Names the gateway sets or that carry the client's own credentials: never identity headers.</summary>
    private static readonly string[] ReservedHeaders =
    [
        "Host", "Authorization", "Cookie", "Set-Cookie", "Content-Length", "Content-Type", "Content-Encoding",
        "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer", "Proxy-Authorization",
        "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix",
        "traceparent", "tracestate", "baggage",
    ];

    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        ValidateOrigin(options, problems);
        ValidatePathPrefix(options.PathPrefix, problems);
        ValidateRelyingParty(options, problems);
        ValidateTokens(options, problems);
        ValidateSession(options, problems);
        ValidatePasskeys(options.Passkeys, problems);
        ValidateExternalIssuers(options, problems);
        ValidatePolicies(options.Policies, problems);
        ValidateIdentityHeaders(options, problems);
        ValidateInfrastructure(options, problems);
    }

    private static void ValidateOrigin(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        const string path = "Gateway.PublicOrigin";
        if (options.PublicOrigin is not { } origin)
        {
            problems.Add(ConfigProblem.Error(path, "required: the origin browsers use to reach the gateway, e.g. https://app.example.com."));
            return;
        }

        if (origin.Scheme is not ("https" or "http") || origin.AbsolutePath != "/" || origin.Query.Length > 0 || origin.Fragment.Length > 0)
        {
            problems.Add(ConfigProblem.Error(path, "must be an http(s) origin without path, query or fragment."));
        }
        else if (origin.Scheme == "http" && !origin.IsLoopback)
        {
            problems.Add(ConfigProblem.Warning(path, "is plain http: browsers only allow passkeys and Secure cookies over https (or on localhost)."));
        }
    }

    private static void ValidatePathPrefix(string prefix, ICollection<ConfigProblem> problems)
    {
        if (prefix.Length < 2 || prefix[0] != '/' || prefix.Contains("//", StringComparison.Ordinal)
            || prefix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_')))
        {
            problems.Add(ConfigProblem.Error("Gateway.PathPrefix", "must be a path such as /.auth (letters, digits, '.', '-', '_')."));
        }
    }

    private static void ValidateRelyingParty(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var rp = options.RelyingParty;
        if (options.PublicOrigin is { } origin && rp.Id.Length > 0
            && !(origin.Host.Equals(rp.Id, StringComparison.OrdinalIgnoreCase)
                 || origin.Host.EndsWith("." + rp.Id, StringComparison.OrdinalIgnoreCase)))
        {
            // WebAuthn L3 §5.1.3: the RP ID must be the origin's effective domain or a registrable suffix of it.
            problems.Add(ConfigProblem.Error("Gateway.RelyingParty.Id", $"'{rp.Id}' is neither the public origin's host nor a parent domain of it."));
        }

        for (var i = 0; i < rp.Origins.Count; i++)
        {
            if (!IsWebOrAppOrigin(rp.Origins[i]))
            {
                problems.Add(ConfigProblem.Error($"Gateway.RelyingParty.Origins[{i}]", "must be an http(s) origin or an android:apk-key-hash:/ios:bundle-id: app origin."));
            }
        }

        for (var i = 0; i < options.Devices.Origins.Count; i++)
        {
            if (!IsWebOrAppOrigin(options.Devices.Origins[i]))
            {
                problems.Add(ConfigProblem.Error($"Gateway.Devices.Origins[{i}]", "must be an http(s) origin or an android:apk-key-hash:/ios:bundle-id: app origin."));
            }
        }

        RequirePositive(options.Devices.ChallengeLifetime, "Gateway.Devices.ChallengeLifetime", problems);
    }

    private static void ValidateTokens(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var tokens = options.Tokens;

        // Without a public origin the issuer has no default; that problem is reported once, at PublicOrigin.
        if (options.PublicOrigin is not null && !Uri.TryCreate(tokens.Issuer, UriKind.Absolute, out _))
        {
            problems.Add(ConfigProblem.Error("Gateway.Tokens.Issuer", "must be an absolute URI (defaults to the public origin)."));
        }

        if (string.IsNullOrWhiteSpace(tokens.Audience))
        {
            problems.Add(ConfigProblem.Error("Gateway.Tokens.Audience", "required: the aud of the tokens the gateway mints and accepts."));
        }

        RequirePositive(tokens.Lifetime, "Gateway.Tokens.Lifetime", problems);
        if (tokens.Lifetime > TimeSpan.FromDays(1))
        {
            problems.Add(ConfigProblem.Error("Gateway.Tokens.Lifetime", "must be at most one day: tokens are bearer credentials."));
        }

        if (tokens.SigningKeys.Count == 0)
        {
            problems.Add(ConfigProblem.Warning(
                "Gateway.Tokens.SigningKeys",
                $"none configured: a development key is generated under {options.DataDirectory}. Mount a PEM key for production."));
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.SigningKeys.Count; i++)
        {
            var key = tokens.SigningKeys[i];
            var path = $"Gateway.Tokens.SigningKeys[{i}]";
            if (string.IsNullOrWhiteSpace(key.Path))
            {
                problems.Add(ConfigProblem.Error(path + ".Path", "required: a PEM file with an EC P-256 or RSA private key."));
            }
            else if (!SigningKeyLoader.TryLoad(key.Path, key.Algorithm, out var loaded, out var error))
            {
                problems.Add(ConfigProblem.Error(path, error));
            }
            else if (!seen.TryAdd(loaded.KeyId, i))
            {
                // A rotation half done (the new key copied over the old file) lists one key twice; which entry signs
                // would then be a matter of order, so say it instead of starting.
                problems.Add(ConfigProblem.Error(path, $"holds the same key as Gateway.Tokens.SigningKeys[{seen[loaded.KeyId]}]: list each key once (the last one signs)."));
            }
        }
    }

    private static void ValidateSession(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var session = options.Session;
        RequirePositive(session.Lifetime, "Gateway.Session.Lifetime", problems);
        if (!session.Secure && options.PublicOrigin is not null && !(options.PublicOrigin is { Scheme: "http", Host: "localhost" }))
        {
            problems.Add(ConfigProblem.Error("Gateway.Session.Secure", "false is allowed only while PublicOrigin is http://localhost…: anywhere else the session cookie would travel in clear."));
        }

        if (!session.Secure && session.CookieName.StartsWith("__Host-", StringComparison.Ordinal))
        {
            problems.Add(ConfigProblem.Error("Gateway.Session.CookieName", "a __Host- cookie must be Secure; drop the prefix or keep Secure true."));
        }

        if (session.CookieName.Length == 0 || session.CookieName.Any(c => !IsTokenChar(c)))
        {
            problems.Add(ConfigProblem.Error("Gateway.Session.CookieName", "must be a cookie name (letters, digits and !#$%&'*+-.^_`|~)."));
        }
    }

    private static void ValidatePasskeys(PasskeyOptions passkeys, ICollection<ConfigProblem> problems)
    {
        RequireOneOf(passkeys.UserVerification, VerificationValues, "Gateway.Passkeys.UserVerification", problems);
        RequireOneOf(passkeys.ResidentKey, VerificationValues, "Gateway.Passkeys.ResidentKey", problems);
        RequireOneOf(passkeys.Attestation, AttestationValues, "Gateway.Passkeys.Attestation", problems);
        RequirePositive(passkeys.ChallengeLifetime, "Gateway.Passkeys.ChallengeLifetime", problems);
        if (passkeys.Attestation == "require" && (passkeys.MetadataBlob is null || passkeys.MetadataRoot is null))
        {
            problems.Add(ConfigProblem.Error("Gateway.Passkeys.Attestation", "'require' needs MetadataBlob and MetadataRoot: without metadata no attestation can be trusted."));
        }

        RequireFileIfSet(passkeys.MetadataBlob, "Gateway.Passkeys.MetadataBlob", problems);
        RequireFileIfSet(passkeys.MetadataRoot, "Gateway.Passkeys.MetadataRoot", problems);
        RequireGuids(passkeys.AllowedAaguids, "Gateway.Passkeys.AllowedAaguids", problems);
        RequireGuids(passkeys.DeniedAaguids, "Gateway.Passkeys.DeniedAaguids", problems);
    }

    private static void ValidateExternalIssuers(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ExternalIssuers.Count; i++)
        {
            var issuer = options.ExternalIssuers[i];
            var path = $"Gateway.ExternalIssuers[{i}]";
            if (!Uri.TryCreate(issuer.Issuer, UriKind.Absolute, out var issuerUri))
            {
                problems.Add(ConfigProblem.Error(path + ".Issuer", "required: the issuer's absolute URI, exactly as in its tokens' iss."));
            }
            else if (issuer.Issuer == options.Tokens.Issuer)
            {
                problems.Add(ConfigProblem.Error(path + ".Issuer", "is the gateway's own issuer."));
            }
            else if (!seen.Add(issuer.Issuer!))
            {
                problems.Add(ConfigProblem.Error(path + ".Issuer", "is listed twice."));
            }

            if (issuer.Audiences.Count == 0 || issuer.Audiences.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add(ConfigProblem.Error(path + ".Audiences", "required: the audiences this gateway accepts from that issuer."));
            }

            var metadata = issuer.MetadataAddress ?? (issuerUri is null ? null : new Uri(issuerUri.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration"));
            if (issuer.RequireHttpsMetadata && metadata is { Scheme: not "https" })
            {
                problems.Add(ConfigProblem.Error(path + ".MetadataAddress", "must be https (set RequireHttpsMetadata false only for a loopback or development identity provider)."));
            }

            if (!issuer.RequireHttpsMetadata && metadata is { IsLoopback: false })
            {
                problems.Add(ConfigProblem.Warning(path + ".RequireHttpsMetadata", "false for an identity provider that is not on loopback: its keys can be tampered with in transit."));
            }

            for (var a = 0; a < issuer.Algorithms.Count; a++)
            {
                if (!ExternalAlgorithms.Contains(issuer.Algorithms[a]))
                {
                    problems.Add(ConfigProblem.Error($"{path}.Algorithms[{a}]", $"'{issuer.Algorithms[a]}' is not an accepted algorithm; use {string.Join(", ", ExternalAlgorithms)}."));
                }
            }

            RequirePositive(issuer.KeyRefreshInterval, path + ".KeyRefreshInterval", problems);
        }
    }

    /// <summary>Asymmetric algorithms only: HMAC would let anyone holding a public key forge tokens.</summary>
    internal static readonly IReadOnlySet<string> ExternalAlgorithms = new SortedSet<string>(StringComparer.Ordinal)
    {
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
    };

    private static void ValidatePolicies(IReadOnlyDictionary<string, PolicyOptions> policies, ICollection<ConfigProblem> problems)
    {
        foreach (var (name, policy) in policies)
        {
            var path = $"Gateway.Policies.{name}";
            if (name.Equals("anonymous", StringComparison.OrdinalIgnoreCase) || name.Equals("default", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(ConfigProblem.Error(path, $"'{name}' is a reserved policy name."));
            }

            foreach (var (claim, values) in policy.Claims)
            {
                if (values.Count == 0 || values.Any(string.IsNullOrEmpty))
                {
                    problems.Add(ConfigProblem.Error($"{path}.Claims.{claim}", "needs at least one accepted value."));
                }
            }

            for (var i = 0; i < policy.AuthMethods.Count; i++)
            {
                RequireOneOf(policy.AuthMethods[i], AuthMethodValues, $"{path}.AuthMethods[{i}]", problems);
            }

            if (policy.MaxAuthAge is { } maxAge)
            {
                RequirePositive(maxAge, path + ".MaxAuthAge", problems);
            }
        }
    }

    private static void ValidateIdentityHeaders(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var names = new HashSet<string>(HeaderNameComparer.Instance);
        foreach (var (header, claim) in options.IdentityHeaders!)
        {
            var path = $"Gateway.IdentityHeaders.{header}";
            ValidateHeaderName(header, path, problems);
            if (!names.Add(header))
            {
                problems.Add(ConfigProblem.Error(path, "is the same header as another entry (names are compared by their letters and digits alone)."));
            }

            if (string.IsNullOrWhiteSpace(claim))
            {
                problems.Add(ConfigProblem.Error(path, "needs the claim type whose value it carries."));
            }
        }

        if (options.Assertion is { } assertion)
        {
            ValidateHeaderName(assertion.Header, "Gateway.Assertion.Header", problems);
            if (names.Contains(assertion.Header))
            {
                problems.Add(ConfigProblem.Error("Gateway.Assertion.Header", "is also an identity header."));
            }

            RequirePositive(assertion.Lifetime, "Gateway.Assertion.Lifetime", problems);
            if (assertion.Lifetime > TimeSpan.FromMinutes(10))
            {
                problems.Add(ConfigProblem.Error("Gateway.Assertion.Lifetime", "must be at most 10 minutes: the assertion is meant to be short-lived."));
            }
        }
    }

    private static void ValidateHeaderName(string header, string path, ICollection<ConfigProblem> problems)
    {
        if (header.Length == 0 || header.Any(c => !IsTokenChar(c)))
        {
            problems.Add(ConfigProblem.Error(path, "is not a valid header name."));
        }
        else if (ReservedHeaders.Any(r => HeaderNameComparer.Instance.Equals(r, header)))
        {
            problems.Add(ConfigProblem.Error(path, $"'{header}' is reserved: the gateway or the client's own credentials use it."));
        }
    }

    private static void ValidateInfrastructure(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        if (options.Redis is { } redis)
        {
            if (string.IsNullOrWhiteSpace(redis.Configuration))
            {
                problems.Add(ConfigProblem.Error("Gateway.Redis.Configuration", "required when the Redis section is present (a redis:// URL or a StackExchange.Redis configuration string)."));
            }
            else if (!Ceremonies.Redis.RedisConnectionSettings.TryParse(redis.Configuration, redis.KeyPrefix, out _, out var error))
            {
                // The message of the parser never repeats the password.
                problems.Add(ConfigProblem.Error("Gateway.Redis.Configuration", error));
            }
        }

        if (options.Redis is null)
        {
            problems.Add(ConfigProblem.Warning("Gateway.Redis", "not configured: challenges and revocations live in this process, so run one replica only."));
        }

        if (!StoreProviders.Contains(options.Store.Provider, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(ConfigProblem.Error("Gateway.Store.Provider", "must be Sqlite or Postgres."));
        }
        else if (options.Store.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.Store.ConnectionString);
                if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
                {
                    problems.Add(ConfigProblem.Error("Gateway.Store.ConnectionString", "needs a file: Data Source=gateway.db (relative to DataDirectory)."));
                }
            }
            catch (ArgumentException e)
            {
                problems.Add(ConfigProblem.Error("Gateway.Store.ConnectionString", $"is not a SQLite connection string: {e.Message}"));
            }
        }

        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            var entry = options.TrustedProxies[i];
            if (!IPAddress.TryParse(entry, out _) && !IPNetwork.TryParse(entry, out _))
            {
                problems.Add(ConfigProblem.Error($"Gateway.TrustedProxies[{i}]", $"'{entry}' is neither an IP address nor a CIDR range."));
            }
        }

        if (options.RateLimits.CeremoniesPerMinute is < 1 or > 1_000_000)
        {
            problems.Add(ConfigProblem.Error("Gateway.RateLimits.CeremoniesPerMinute", "must be between 1 and 1000000."));
        }

        if (options.RateLimits.FailedSignInsPerQuarterHour is < 1 or > 1_000_000)
        {
            problems.Add(ConfigProblem.Error("Gateway.RateLimits.FailedSignInsPerQuarterHour", "must be between 1 and 1000000."));
        }

        if (options.Limits.MaxCeremonyBodyBytes is < 1024 or > 10 * 1024 * 1024)
        {
            problems.Add(ConfigProblem.Error("Gateway.Limits.MaxCeremonyBodyBytes", "must be between 1024 and 10485760."));
        }

        if (options.Store.AuditRetention < TimeSpan.FromDays(1))
        {
            problems.Add(ConfigProblem.Error("Gateway.Store.AuditRetention", "must be at least one day (\"1.00:00:00\"); the default is 90 days."));
        }

        if (options.Metrics.Port is < 1 or > 65535)
        {
            problems.Add(ConfigProblem.Error("Gateway.Metrics.Port", "must be a TCP port (1–65535)."));
        }

        RequireOneOf(options.Logging.Format, LogFormats, "Gateway.Logging.Format", problems);
    }

    private static bool IsWebOrAppOrigin(string origin) =>
        origin.StartsWith("android:apk-key-hash:", StringComparison.Ordinal)
        || origin.StartsWith("ios:bundle-id:", StringComparison.Ordinal)
        || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            && uri.GetLeftPart(UriPartial.Authority) == origin.TrimEnd('/'));

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static void RequirePositive(TimeSpan value, string path, ICollection<ConfigProblem> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(ConfigProblem.Error(path, "must be a positive time span."));
        }
    }

    private static void RequireOneOf(string value, string[] allowed, string path, ICollection<ConfigProblem> problems)
    {
        if (!allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(ConfigProblem.Error(path, $"'{value}' is not one of {string.Join(", ", allowed)}."));
        }
    }

    private static void RequireFileIfSet(string? path, string configPath, ICollection<ConfigProblem> problems)
    {
        if (path is not null && !File.Exists(path))
        {
            problems.Add(ConfigProblem.Error(configPath, $"file '{path}' does not exist."));
        }
    }

    private static void RequireGuids(IReadOnlyList<string> values, string path, ICollection<ConfigProblem> problems)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!Guid.TryParse(values[i], out _))
            {
                problems.Add(ConfigProblem.Error($"{path}[{i}]", $"'{values[i]}' is not an AAGUID."));
            }
        }
    }
}
