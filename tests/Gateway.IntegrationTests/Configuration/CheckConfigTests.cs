using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Configuration;
using PasskeyGateway.IntegrationTests.Infrastructure;
using Yarp.ReverseProxy.Configuration;

namespace PasskeyGateway.IntegrationTests.Configuration;

/// <summary>
/// <c>gateway check-config</c> and the validation behind it: every problem of a broken file is reported at once, each
/// with its JSON path; warnings alone pass (DESIGN.md §10).
/// </summary>
public sealed class CheckConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("check-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string, string[]> BrokenConfigs => new()
    {
        { "no-origin", ["Gateway.PublicOrigin"] },
        { "origin-with-path", ["Gateway.PublicOrigin"] },
        { "rp-id-unrelated", ["Gateway.RelyingParty.Id"] },
        { "insecure-cookie-off-localhost", ["Gateway.Session.Secure"] },
        { "host-cookie-not-secure", ["Gateway.Session.CookieName"] },
        { "missing-audience", ["Gateway.Tokens.Audience"] },
        { "negative-lifetime", ["Gateway.Tokens.Lifetime"] },
        { "missing-key-file", ["Gateway.Tokens.SigningKeys[0]"] },
        { "hmac-external-issuer", ["Gateway.ExternalIssuers[0].Algorithms[0]", "Gateway.ExternalIssuers[0].MetadataAddress"] },
        { "reserved-identity-header", ["Gateway.IdentityHeaders.Authorization"] },
        { "duplicate-identity-header", ["Gateway.IdentityHeaders.x_forwarded_user"] },
        { "unknown-auth-method", ["Gateway.Policies.p.AuthMethods[0]"] },
        { "unknown-policy-on-route", ["ReverseProxy.Routes.app.AuthorizationPolicy"] },
        { "unknown-cors-policy-on-route", ["ReverseProxy.Routes.app.CorsPolicy"] },
        { "cors-any-origin-with-credentials", ["Gateway.Cors.spa.Origins[0]"] },
        { "cors-origin-with-path", ["Gateway.Cors.spa.Origins[0]"] },
        { "websocket-origin-with-path", ["Gateway.WebSockets.AllowedOrigins[0]"] },
        { "unknown-cluster", ["ReverseProxy.Routes.app.ClusterId"] },
        { "route-under-prefix", ["ReverseProxy.Routes.shadow.Match.Path"] },
        { "misspelt-keys", ["Gateway.Sesion", "ReverseProxy.Routes.app.Mach"] },
        { "bad-trusted-proxy", ["Gateway.TrustedProxies[0]"] },
        { "unknown-route-metadata", ["ReverseProxy.Routes.app.Metadata.Gateway.ForwardEverything"] },
        { "bad-cluster-address", ["ReverseProxy.Clusters.backend.Destinations.one.Address"] },
        { "require-attestation-without-metadata", ["Gateway.Passkeys.Attestation"] },
        { "require-attestation-capitalised-without-metadata", ["Gateway.Passkeys.Attestation"] },
        { "bad-aaguid", ["Gateway.Passkeys.DeniedAaguids[0]"] },
        { "bad-store-provider", ["Gateway.Store.Provider"] },
        { "bad-redis-url", ["Gateway.Redis.Configuration"] },
        { "audit-retention-under-a-day", ["Gateway.Store.AuditRetention"] },
        { "several-at-once", ["Gateway.Tokens.Audience", "Gateway.Session.Lifetime", "Gateway.Logging.Format", "Gateway.Store.Provider"] },
    };

    [Theory]
    [MemberData(nameof(BrokenConfigs))]
    public async Task Validation_BrokenConfig_ReportsEveryProblemWithItsPath(string name, string[] expectedPaths)
    {
        var config = Base();
        Break(config, name);

        var problems = await ValidateAsync(config);

        var errorPaths = problems.Where(p => p.Severity == ConfigProblemSeverity.Error).Select(p => p.Path).ToList();
        foreach (var path in expectedPaths)
        {
            Assert.Contains(path, errorPaths);
        }

        Assert.Equal(expectedPaths.Length, errorPaths.Count);
    }

    [Fact]
    public async Task Command_ValidConfigWithWarnings_ExitsZeroAndPrintsTheWarnings()
    {
        var path = Write(Base());

        var (exitCode, output, error) = await GatewayProcess.RunAsync("check-config", "--config", path);

        Assert.Equal(0, exitCode);
        Assert.Contains("warning: Gateway.Tokens.SigningKeys:", output, StringComparison.Ordinal);
        Assert.Contains("warning: Gateway.Redis:", output, StringComparison.Ordinal);
        Assert.Contains("0 error(s), 2 warning(s)", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Command_BrokenConfig_ExitsOneAndPrintsEveryError()
    {
        var config = Base();
        Break(config, "several-at-once");
        var path = Write(config);

        var (exitCode, output, error) = await GatewayProcess.RunAsync("check-config", "--config", path);

        Assert.Equal(1, exitCode);
        foreach (var expected in new[] { "Gateway.Tokens.Audience", "Gateway.Session.Lifetime", "Gateway.Logging.Format", "Gateway.Store.Provider" })
        {
            Assert.Contains($"error: {expected}:", error, StringComparison.Ordinal);
        }

        Assert.Contains("4 error(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_TheSameKeyListedTwice_IsAnError()
    {
        var path = Path.Combine(_directory, "signing.pem");
        using (var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(path, ecdsa.ExportPkcs8PrivateKeyPem());
        }

        await File.WriteAllTextAsync(Path.Combine(_directory, "copy.pem"), await File.ReadAllTextAsync(path));
        var config = Base();
        config["Gateway"]!["Tokens"] = new JsonObject
        {
            ["SigningKeys"] = new JsonArray(new JsonObject { ["Path"] = "signing.pem" }, new JsonObject { ["Path"] = "copy.pem" }),
        };

        var problems = await ValidateAsync(config);

        var problem = Assert.Single(problems, p => p.Severity == ConfigProblemSeverity.Error);
        Assert.Equal("Gateway.Tokens.SigningKeys[1]", problem.Path);
        Assert.Contains("same key as Gateway.Tokens.SigningKeys[0]", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_BadRedisUrl_IsReportedWithoutItsPassword()
    {
        var config = Base();
        Break(config, "bad-redis-url");

        var (exitCode, output, error) = await GatewayProcess.RunAsync("check-config", "--config", Write(config));

        Assert.Equal(1, exitCode);
        Assert.Contains("error: Gateway.Redis.Configuration:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_InvalidJson_ExitsOneWithTheFileAndReason()
    {
        var path = Path.Combine(_directory, "broken.json");
        await File.WriteAllTextAsync(path, "{ \"Gateway\": { ");

        var (exitCode, _, error) = await GatewayProcess.RunAsync("check-config", "--config", path);

        Assert.Equal(1, exitCode);
        Assert.Contains("broken.json", error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BrokenConfig_RefusesToStartAndListsTheProblems()
    {
        var config = Base();
        Break(config, "unknown-policy-on-route");
        var path = Write(config);

        var (exitCode, _, error) = await GatewayProcess.RunAsync("--config", path, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        Assert.Contains("ReverseProxy.Routes.app.AuthorizationPolicy", error, StringComparison.Ordinal);
    }

    private JsonObject Base()
    {
        var config = TestConfig.Create(8080, new Uri("http://127.0.0.1:5000/"), Path.Combine(_directory, "data"));
        config.Remove("Logging");
        return config;
    }

    private static void Break(JsonObject config, string name)
    {
        var gateway = config["Gateway"]!.AsObject();
        var routes = config["ReverseProxy"]!["Routes"]!.AsObject();
        switch (name)
        {
            case "no-origin": gateway.Remove("PublicOrigin"); break;
            case "origin-with-path": gateway["PublicOrigin"] = "http://localhost:8080/app"; break;
            case "rp-id-unrelated": gateway["RelyingParty"] = new JsonObject { ["Id"] = "example.com" }; break;
            case "insecure-cookie-off-localhost":
                gateway["PublicOrigin"] = "https://app.example.com";
                break;
            case "host-cookie-not-secure": gateway["Session"]!["CookieName"] = "__Host-custom"; break;
            case "missing-audience": gateway["Tokens"] = new JsonObject { ["Audience"] = "" }; break;
            case "negative-lifetime": gateway["Tokens"] = new JsonObject { ["Lifetime"] = "-00:01:00" }; break;
            case "missing-key-file": gateway["Tokens"] = new JsonObject { ["SigningKeys"] = new JsonArray(new JsonObject { ["Path"] = "nope.pem" }) }; break;
            case "hmac-external-issuer":
                gateway["ExternalIssuers"] = new JsonArray(new JsonObject
                {
                    ["Issuer"] = "http://idp.example.com",
                    ["Audiences"] = new JsonArray("api"),
                    ["Algorithms"] = new JsonArray("HS256"),
                });
                break;
            case "reserved-identity-header": gateway["IdentityHeaders"] = new JsonObject { ["Authorization"] = "sub" }; break;
            case "duplicate-identity-header": gateway["IdentityHeaders"] = new JsonObject { ["X-Forwarded-User"] = "sub", ["x_forwarded_user"] = "email" }; break;
            case "unknown-auth-method": gateway["Policies"]!["p"] = new JsonObject { ["AuthMethods"] = new JsonArray("password") }; break;
            case "unknown-policy-on-route": routes["app"]!["AuthorizationPolicy"] = "nope"; break;
            case "unknown-cors-policy-on-route": routes["app"]!["CorsPolicy"] = "nope"; break;
            case "cors-any-origin-with-credentials":
                gateway["Cors"] = new JsonObject { ["spa"] = new JsonObject { ["Origins"] = new JsonArray("*"), ["AllowCredentials"] = true } };
                break;
            case "websocket-origin-with-path": gateway["WebSockets"] = new JsonObject { ["AllowedOrigins"] = new JsonArray("https://chat.example.com/ws") }; break;
            case "cors-origin-with-path": gateway["Cors"] = new JsonObject { ["spa"] = new JsonObject { ["Origins"] = new JsonArray("https://spa.example.com/app") } }; break;
            case "unknown-cluster": routes["app"]!["ClusterId"] = "nowhere"; break;
            case "route-under-prefix": routes["shadow"] = TestConfig.Route("/.auth/login", "anonymous"); break;
            case "misspelt-keys":
                gateway["Sesion"] = new JsonObject { ["Secure"] = false };
                routes["app"]!["Mach"] = new JsonObject { ["Path"] = "/x" };
                break;
            case "bad-trusted-proxy": gateway["TrustedProxies"] = new JsonArray("10.0.0.0/33"); break;
            case "unknown-route-metadata": routes["app"]!["Metadata"] = new JsonObject { ["Gateway.ForwardEverything"] = "true" }; break;
            case "bad-cluster-address":
                config["ReverseProxy"]!["Clusters"]!["backend"]!["Destinations"]!["one"]!["Address"] = "not a uri";
                break;
            case "bad-redis-url": gateway["Redis"] = new JsonObject { ["Configuration"] = "redis://user:hunter2-secret@/nohost?x=1" }; break;
            case "audit-retention-under-a-day": gateway["Store"] = new JsonObject { ["AuditRetention"] = "00:10:00" }; break;
            case "require-attestation-without-metadata": gateway["Passkeys"] = new JsonObject { ["Attestation"] = "require" }; break;

            // Once passed validation (a case-sensitive comparison), then every registration failed as untrusted.
            case "require-attestation-capitalised-without-metadata": gateway["Passkeys"] = new JsonObject { ["Attestation"] = "Require" }; break;
            case "bad-aaguid": gateway["Passkeys"] = new JsonObject { ["DeniedAaguids"] = new JsonArray("not-an-aaguid") }; break;
            case "bad-store-provider": gateway["Store"] = new JsonObject { ["Provider"] = "1" }; break;
            case "several-at-once":
                gateway["Tokens"] = new JsonObject { ["Audience"] = " " };
                gateway["Session"]!["Lifetime"] = "00:00:00";
                gateway["Logging"] = new JsonObject { ["Format"] = "xml" };
                gateway["Store"] = new JsonObject { ["Provider"] = "Oracle" };
                break;
            default: throw new ArgumentOutOfRangeException(nameof(name));
        }
    }

    private string Write(JsonObject config)
    {
        var path = Path.Combine(_directory, $"gateway-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private async Task<IReadOnlyList<ConfigProblem>> ValidateAsync(JsonObject config)
    {
        var file = GatewayConfigFile.Locate(Write(config));
        await using var app = GatewayApp.BuildForCommand(file);
        var loader = app.Services.GetRequiredService<GatewayConfigLoader>();
        var (_, problems) = await loader.LoadAsync(app.Services.GetRequiredService<IConfiguration>(), generation: 1);
        return problems;
    }
}
