namespace PasskeyGateway.Configuration;

/// <summary>The <c>Gateway</c> section of the configuration file, as bound (DESIGN.md §9).</summary>
public sealed record GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The origin browsers see; the WebAuthn origin and the token issuer by default.</summary>
    public Uri? PublicOrigin { get; init; }

    /// <summary>Prefix of the gateway's own endpoints (login page, ceremonies, account).</summary>
    public string PathPrefix { get; init; } = "/.auth";

    public RelyingPartyOptions RelyingParty { get; init; } = new();

    public TokenOptions Tokens { get; init; } = new();

    public SessionOptions Session { get; init; } = new();

    public PasskeyOptions Passkeys { get; init; } = new();

    public DeviceOptions Devices { get; init; } = new();

    public IReadOnlyList<ExternalIssuerOptions> ExternalIssuers { get; init; } = [];

    public IReadOnlyDictionary<string, PolicyOptions> Policies { get; init; } = new Dictionary<string, PolicyOptions>();

    /// <summary>Header name → claim type. When set, replaces <see cref="IdentityHeaderDefaults"/>.</summary>
    public IReadOnlyDictionary<string, string>? IdentityHeaders { get; init; }

    public AssertionHeaderOptions? Assertion { get; init; }

    public RedisOptions? Redis { get; init; }

    public RevocationOptions Revocations { get; init; } = new();

    public StoreOptions Store { get; init; } = new();

    /// <summary>Writable folder for the development key and the SQLite file; relative to the config file.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>Addresses or CIDR ranges whose <c>X-Forwarded-*</c> headers are believed.</summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    public LimitsOptions Limits { get; init; } = new();

    public RateLimitOptions RateLimits { get; init; } = new();

    public MetricsOptions Metrics { get; init; } = new();

    public LoggingOptions Logging { get; init; } = new();

    public AdminOptions Admin { get; init; } = new();

    public AccountOptions Accounts { get; init; } = new();

    public WebSocketOptions WebSockets { get; init; } = new();

    /// <summary>CORS policies by name, for routes' <c>CorsPolicy</c> (DESIGN.md §11.4).</summary>
    public IReadOnlyDictionary<string, CorsPolicyOptions> Cors { get; init; } = new Dictionary<string, CorsPolicyOptions>();

    public PageOptions Pages { get; init; } = new();

    public OpenApiDocumentOptions OpenApi { get; init; } = new();
}
