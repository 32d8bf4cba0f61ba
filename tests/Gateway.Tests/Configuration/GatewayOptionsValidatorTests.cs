using PasskeyGateway.Ceremonies.Passkeys;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Tests.Configuration;

/// <summary>
/// The rule sets of the <c>Gateway</c> section on options records built in code: a sound configuration passes, each
/// broken setting is reported at its path, and every rule runs, so several problems are reported together.
/// </summary>
public sealed class GatewayOptionsValidatorTests
{
    private static readonly GatewayOptions Sound = new()
    {
        PublicOrigin = new Uri("https://app.example.com"),
        RelyingParty = new RelyingPartyOptions { Id = "app.example.com", Name = "App", Origins = ["https://app.example.com"] },
        Tokens = new TokenOptions { Issuer = "https://app.example.com", Audience = "app" },
        Session = new SessionOptions { CookieName = "__Host-gateway" },
        Devices = new DeviceOptions { Origins = ["https://app.example.com"] },
        Redis = new RedisOptions { Configuration = "redis://redis:6379/0" },
        Store = new StoreOptions { ConnectionString = "Data Source=/var/lib/gateway/gateway.db" },
        IdentityHeaders = new Dictionary<string, string> { ["X-Forwarded-User"] = "sub" },
    };

    public static TheoryData<string, string> Broken => new()
    {
        { "plain-http-cookie", "Gateway.Session.Secure" },
        { "origin-with-path", "Gateway.PublicOrigin" },
        { "prefix", "Gateway.PathPrefix" },
        { "rp-id", "Gateway.RelyingParty.Id" },
        { "rp-origin", "Gateway.RelyingParty.Origins[0]" },
        { "device-origin", "Gateway.Devices.Origins[0]" },
        { "audience", "Gateway.Tokens.Audience" },
        { "token-lifetime", "Gateway.Tokens.Lifetime" },
        { "attestation-require", "Gateway.Passkeys.Attestation" },
        { "metadata-file", "Gateway.Passkeys.MetadataBlob" },
        { "external-hmac", "Gateway.ExternalIssuers[0].Algorithms[0]" },
        { "reserved-policy", "Gateway.Policies.default" },
        { "policy-claim", "Gateway.Policies.p.Claims.dept" },
        { "header-reserved", "Gateway.IdentityHeaders.Cookie" },
        { "header-twice", "Gateway.IdentityHeaders.X.Forwarded.User" },
        { "assertion-long", "Gateway.Assertion.Lifetime" },
        { "redis-empty", "Gateway.Redis.Configuration" },
        { "sqlite-memory", "Gateway.Store.ConnectionString" },
        { "audit-retention", "Gateway.Store.AuditRetention" },
        { "trusted-proxy", "Gateway.TrustedProxies[0]" },
        { "body-limit", "Gateway.Limits.MaxCeremonyBodyBytes" },
        { "rate-limit", "Gateway.RateLimits.CeremoniesPerMinute" },
        { "metrics-port", "Gateway.Metrics.Port" },
        { "link-lifetime-long", "Gateway.Accounts.EnrollmentLinkLifetime" },
        { "link-lifetime-zero", "Gateway.Accounts.EnrollmentLinkLifetime" },
        { "pages-title-blank", "Gateway.Pages.Title" },
        { "pages-logo-missing", "Gateway.Pages.LogoPath" },
        { "pages-logo-kind", "Gateway.Pages.LogoPath" },
        { "pages-logo-too-large", "Gateway.Pages.LogoPath" },
        { "pages-stylesheet-missing", "Gateway.Pages.StylesheetPath" },
        { "pages-stylesheet-empty", "Gateway.Pages.StylesheetPath" },
    };

    /// <summary>Files the <c>Gateway:Pages</c> cases point at: a logo of a kind no browser shows, one too large, an empty style sheet.</summary>
    private static readonly string PageFiles = CreatePageFiles();

    [Fact]
    public void Validate_SoundOptions_HaveNoError()
    {
        var problems = new List<ConfigProblem>();

        GatewayOptionsValidator.Validate(Sound, problems);

        Assert.DoesNotContain(problems, p => p.Severity == ConfigProblemSeverity.Error);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_BrokenSetting_IsAnErrorAtItsPath(string breakage, string path)
    {
        var problems = new List<ConfigProblem>();

        GatewayOptionsValidator.Validate(Break(Sound, breakage), problems);

        Assert.Contains(problems, p => p.Severity == ConfigProblemSeverity.Error && p.Path == path);
    }

    [Fact]
    public void Validate_EveryRuleRuns_SoEveryProblemIsReportedAtOnce()
    {
        var options = Broken.Select(row => row.Data.Item1).Aggregate(Sound, Break);
        var problems = new List<ConfigProblem>();

        GatewayOptionsValidator.Validate(options, problems);

        var errors = problems.Where(p => p.Severity == ConfigProblemSeverity.Error).Select(p => p.Path).ToHashSet();
        Assert.All(Broken.Select(row => row.Data.Item2), path => Assert.Contains(path, errors));
    }

    [Fact]
    public void Validate_NoRedis_IsAWarningThatSaysOneReplica()
    {
        var problems = new List<ConfigProblem>();

        GatewayOptionsValidator.Validate(Sound with { Redis = null }, problems);

        var warning = Assert.Single(problems, p => p.Path == "Gateway.Redis");
        Assert.Equal(ConfigProblemSeverity.Warning, warning.Severity);
        Assert.Contains("one replica", warning.Message, StringComparison.Ordinal);
    }

    private static GatewayOptions Break(GatewayOptions options, string breakage) => breakage switch
    {
        "plain-http-cookie" => options with { Session = options.Session with { Secure = false, CookieName = "gateway" } },
        "origin-with-path" => options with { PublicOrigin = new Uri("https://app.example.com/app") },
        "prefix" => options with { PathPrefix = "auth" },
        "rp-id" => options with { RelyingParty = options.RelyingParty with { Id = "example.org" } },
        "rp-origin" => options with { RelyingParty = options.RelyingParty with { Origins = ["ftp://app.example.com"] } },
        "device-origin" => options with { Devices = options.Devices with { Origins = ["https://app.example.com/path"] } },
        "audience" => options with { Tokens = options.Tokens with { Audience = " " } },
        "token-lifetime" => options with { Tokens = options.Tokens with { Lifetime = TimeSpan.FromDays(2) } },
        "attestation-require" => options with { Passkeys = options.Passkeys with { Attestation = AttestationMode.Require } },
        "metadata-file" => options with { Passkeys = options.Passkeys with { MetadataBlob = "/nonexistent/mds.jwt" } },
        "external-hmac" => options with
        {
            ExternalIssuers = [new ExternalIssuerOptions { Issuer = "https://idp.example.com", Audiences = ["api"], Algorithms = ["HS256"] }],
        },
        "reserved-policy" => options with { Policies = new Dictionary<string, PolicyOptions>(options.Policies) { ["default"] = new() } },
        "policy-claim" => options with
        {
            Policies = new Dictionary<string, PolicyOptions>(options.Policies) { ["p"] = new() { Claims = new Dictionary<string, IReadOnlyList<string>> { ["dept"] = [] } } },
        },
        "header-reserved" => options with { IdentityHeaders = new Dictionary<string, string>(options.IdentityHeaders!) { ["Cookie"] = "sub" } },
        "header-twice" => options with { IdentityHeaders = new Dictionary<string, string>(options.IdentityHeaders!) { ["X.Forwarded.User"] = "email" } },
        "assertion-long" => options with { Assertion = new AssertionHeaderOptions { Header = "X-Gateway-Assertion", Lifetime = TimeSpan.FromHours(1) } },
        "redis-empty" => options with { Redis = new RedisOptions { Configuration = "" } },
        "sqlite-memory" => options with { Store = options.Store with { ConnectionString = "Data Source=:memory:" } },
        "audit-retention" => options with { Store = options.Store with { AuditRetention = TimeSpan.FromHours(1) } },
        "trusted-proxy" => options with { TrustedProxies = ["10.0.0.0/33"] },
        "body-limit" => options with { Limits = new LimitsOptions { MaxCeremonyBodyBytes = 10 } },
        "rate-limit" => options with { RateLimits = new RateLimitOptions { CeremoniesPerMinute = 0 } },
        "metrics-port" => options with { Metrics = new MetricsOptions { Port = 70000 } },
        "link-lifetime-long" => options with { Accounts = new AccountOptions { EnrollmentLinkLifetime = TimeSpan.FromDays(8) } },
        "link-lifetime-zero" => options with { Accounts = new AccountOptions { EnrollmentLinkLifetime = TimeSpan.Zero } },
        "pages-title-blank" => options with { Pages = options.Pages with { Title = " " } },
        "pages-logo-missing" => options with { Pages = options.Pages with { LogoPath = "/nonexistent/logo.png" } },
        "pages-logo-kind" => options with { Pages = options.Pages with { LogoPath = Path.Combine(PageFiles, "logo.gif") } },
        "pages-logo-too-large" => options with { Pages = options.Pages with { LogoPath = Path.Combine(PageFiles, "large.png") } },
        "pages-stylesheet-missing" => options with { Pages = options.Pages with { StylesheetPath = "/nonexistent/brand.css" } },
        "pages-stylesheet-empty" => options with { Pages = options.Pages with { StylesheetPath = Path.Combine(PageFiles, "empty.css") } },
        _ => throw new ArgumentOutOfRangeException(nameof(breakage)),
    };

    [Fact]
    public void Validate_PagesWithReadableFilesOfEveryLogoKind_HaveNoError()
    {
        foreach (var extension in PageOptions.LogoContentTypes.Keys)
        {
            var logo = Path.Combine(PageFiles, "logo" + extension);
            File.WriteAllBytes(logo, [1, 2, 3]);
            var problems = new List<ConfigProblem>();

            GatewayOptionsValidator.Validate(Sound with { Pages = new PageOptions { Title = "Acme", LogoPath = logo, StylesheetPath = Path.Combine(PageFiles, "brand.css") } }, problems);

            Assert.DoesNotContain(problems, p => p.Severity == ConfigProblemSeverity.Error);
        }
    }

    private static string CreatePageFiles()
    {
        var directory = Directory.CreateTempSubdirectory("passkey-gateway-pages-").FullName;
        File.WriteAllBytes(Path.Combine(directory, "logo.gif"), [0x47, 0x49, 0x46]);
        File.WriteAllBytes(Path.Combine(directory, "large.png"), new byte[PageOptions.MaxLogoBytes + 1]);
        File.WriteAllText(Path.Combine(directory, "empty.css"), "");
        File.WriteAllText(Path.Combine(directory, "brand.css"), "main { color: navy; }");
        return directory;
    }
}
