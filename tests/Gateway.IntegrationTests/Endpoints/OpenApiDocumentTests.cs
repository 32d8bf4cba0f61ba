using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using PasskeyGateway.Configuration;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.OpenApi;
using PasskeyGateway.Problems;
using Yarp.ReverseProxy.Model;

namespace PasskeyGateway.IntegrationTests.Endpoints;

/// <summary>
/// <c>GET /.auth/openapi.json</c> (DESIGN.md §11.4): a valid OpenAPI 3.1 document that describes every endpoint the
/// running gateway maps under its prefix and <c>/.well-known</c> — found from the app's own endpoint data source, so
/// an endpoint added later is checked without this test naming it — with the problem codes each can answer.
/// </summary>
public sealed class OpenApiDocumentTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string DocumentPath = "/.auth/openapi.json";

    private GatewayHost Gateway => fixture.Host;

    [Fact]
    public async Task Document_IsValidOpenApi31()
    {
        var json = await FetchAsync();

        var (document, diagnostic) = OpenApiDocument.Parse(json, OpenApiConstants.Json);

        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.StartsWith("3.1.", JsonNode.Parse(json)!["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        Assert.Equal($"http://localhost:{Gateway.Port}", Assert.Single(document.Servers!).Url);
    }

    [Fact]
    public async Task Document_DescribesEveryMappedGatewayEndpoint()
    {
        var documented = Operations(await ParseAsync());

        var missing = new List<string>();
        foreach (var endpoint in GatewayEndpoints())
        {
            // An endpoint without method metadata answers every method: no operation can describe it.
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["(any method)"];
            missing.AddRange(methods.Select(m => $"{m} {PathOf(endpoint.RoutePattern)}").Where(o => !documented.Contains(o)));
        }

        Assert.True(missing.Count == 0, "Mapped but not in the OpenAPI document:\n" + string.Join("\n", missing));
        Assert.Contains("POST /.auth/passkeys/registration/options", documented);
        Assert.Contains("GET /.auth/admin/users", documented);
        Assert.Contains("GET /.well-known/jwks.json", documented);
    }

    [Fact]
    public async Task Document_DescribesNothingElse()
    {
        var mapped = GatewayEndpoints()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {PathOf(e.RoutePattern)}"))
            .ToHashSet(StringComparer.Ordinal);

        var documented = Operations(await ParseAsync());

        Assert.Empty(documented.Except(mapped));
        Assert.DoesNotContain(documented, o => o.Contains("/public/", StringComparison.Ordinal) || o.Contains("{rest}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("finishPasskeyAuthentication", 400, "challenge-expired")]
    [InlineData("finishPasskeyAuthentication", 400, "challenge-invalid")]
    [InlineData("finishPasskeyAuthentication", 401, "signature-invalid")]
    [InlineData("finishPasskeyAuthentication", 401, "credential-unknown")]
    [InlineData("finishPasskeyAuthentication", 403, "account-disabled")]
    [InlineData("finishPasskeyAuthentication", 429, "rate-limited")]
    [InlineData("finishPasskeyAuthentication", 503, "challenge-store-unavailable")]
    [InlineData("beginPasskeyRegistration", 403, "registration-closed")]
    [InlineData("beginPasskeyRegistration", 409, "username-taken")]
    [InlineData("finishPasskeyRegistration", 403, "attestation-untrusted")]
    [InlineData("finishEnrollment", 401, "enrollment-link-invalid")]
    [InlineData("finishDeviceBinding", 401, "authentication-required")]
    [InlineData("finishDeviceBinding", 409, "device-exists")]
    [InlineData("finishDeviceBinding", 415, "unsupported-media-type")]
    [InlineData("finishBiometricAuthentication", 401, "device-signature-required")]
    [InlineData("removeCredential", 409, "last-credential")]
    [InlineData("getMe", 401, "token-expired")]
    [InlineData("createUser", 403, "forbidden")]
    [InlineData("createUser", 401, "reauthentication-required")]
    [InlineData("logout", 403, "csrf-origin-mismatch")]
    [InlineData("getLoginPage", 400, "invalid-request")]
    public async Task Operation_ListsTheProblemsItCanAnswer(string operationId, int status, string code)
    {
        var operation = FindOperation(await FetchNodeAsync(), operationId);

        var response = operation["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!;
        Assert.Contains(code, CodesOf(response));
        Assert.Contains($"`{code}`", response["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(response["content"]![ProblemWriter.ContentType]);
    }

    [Theory]
    [InlineData("getMe", "csrf-origin-mismatch")]
    [InlineData("beginPasskeyAuthentication", "authentication-required")]
    [InlineData("beginPasskeyAuthentication", "signature-invalid")]
    [InlineData("finishPasskeyAuthentication", "username-taken")]
    [InlineData("getJwks", "token-expired")]
    [InlineData("listCredentials", "forbidden")]
    [InlineData("listCredentials", "reauthentication-required")]
    public async Task Operation_DoesNotListProblemsItCannotAnswer(string operationId, string code)
    {
        var operation = FindOperation(await FetchNodeAsync(), operationId);

        Assert.DoesNotContain(code, operation["responses"]!.AsObject().SelectMany(r => CodesOf(r.Value!)));
    }

    [Fact]
    public async Task EveryListedProblem_IsACatalogCode_UnderItsOwnStatus()
    {
        var document = await FetchNodeAsync();

        var listed = 0;
        foreach (var (_, operation) in AllOperations(document))
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                foreach (var code in CodesOf(response!))
                {
                    Assert.True(ProblemCatalog.ByCode.TryGetValue(code, out var problem), $"{code} is not a problem code");
                    Assert.Equal(problem.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), status);
                    listed++;
                }
            }
        }

        Assert.True(listed > 100, $"only {listed} problem codes listed");
    }

    [Fact]
    public async Task Operations_ThatTakeAnIdentity_NameTheBearerTokenAndTheSessionCookie()
    {
        var document = await FetchNodeAsync();

        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("bearer", schemes[GatewayOpenApi.BearerScheme]!["scheme"]!.GetValue<string>());
        Assert.Equal("cookie", schemes[GatewayOpenApi.CookieScheme]!["in"]!.GetValue<string>());
        Assert.Equal(Gateway.Options.Session.CookieName, schemes[GatewayOpenApi.CookieScheme]!["name"]!.GetValue<string>());
        string[] both = [GatewayOpenApi.BearerScheme, GatewayOpenApi.CookieScheme];
        Assert.Equal(both, SchemesOf(FindOperation(document, "getMe")));
        Assert.Equal(both, SchemesOf(FindOperation(document, "finishDeviceBinding")));
        Assert.Equal(both, SchemesOf(FindOperation(document, "changeUser")));
        Assert.Empty(SchemesOf(FindOperation(document, "beginPasskeyAuthentication")));
        Assert.Empty(SchemesOf(FindOperation(document, "getOpenApiDocument")));
    }

    [Fact]
    public async Task Bodies_ThatHandlersReadThemselves_AreDescribed()
    {
        var document = await FetchNodeAsync();
        var schemas = document["components"]!["schemas"]!;

        var binding = FindOperation(document, "finishDeviceBinding");
        Assert.Equal("#/components/schemas/DeviceBindingRequest", binding["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["deviceKeyId", "publicKey", "algorithm", "clientData", "signature"], Strings(schemas["DeviceBindingRequest"]!["required"]));
        Assert.Equal("#/components/schemas/DeviceBoundAnswer", binding["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());

        // Usernameless sign-in sends {}: nothing of the options request is required.
        Assert.Null(schemas["AuthenticationOptionsRequest"]!["required"]);
        Assert.Equal(["challenge"], Strings(schemas["PublicKeyCredentialRequestOptionsJson"]!["required"]));
        Assert.Equal(["id", "rawId", "response", "clientExtensionResults", "type"], Strings(schemas["AuthenticationResponseJson"]!["required"]));
        Assert.Equal("#/components/schemas/SignInAnswer", FindOperation(document, "finishPasskeyAuthentication")["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task Document_IsAnonymous_Cacheable_AndBuiltOnce()
    {
        using var response = await Gateway.Client.GetAsync(DocumentPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        var cache = Gateway.Services.GetRequiredService<OpenApiDocumentCache>();
        Assert.Same(await cache.GetJsonAsync(), await cache.GetJsonAsync());
        Assert.Equal(await cache.GetJsonAsync(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Document_IsGetOnly()
    {
        using var response = await Gateway.Client.PostAsync(DocumentPath, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-found", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Document_WhenDisabled_Is404LikeAnyUnknownPath()
    {
        await using var gateway = await GatewayHost.StartAsync(config => config[GatewayOptions.SectionName]!["OpenApi"] = new JsonObject { ["Enabled"] = false });

        using var response = await gateway.Client.GetAsync(DocumentPath);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-found", (await ProblemResponse.ReadAsync(response)).Code);
        Assert.Null(gateway.Services.GetService<OpenApiDocumentCache>());
    }

    /// <summary>
    /// The gateway's own endpoints: under its prefix or <c>/.well-known</c>. Excluded, and only these: YARP's route
    /// endpoints, which are the application's (a route under the prefix is never proxied; UnmatchedRequestMiddleware
    /// answers 404). Health and metrics live outside both prefixes.
    /// </summary>
    private IEnumerable<RouteEndpoint> GatewayEndpoints()
    {
        var prefix = Gateway.Options.PathPrefix;
        return Gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<RouteModel>() is null)
            .Where(e => IsUnder(e.RoutePattern.RawText ?? "", prefix) || IsUnder(e.RoutePattern.RawText ?? "", "/.well-known"));
    }

    private static bool IsUnder(string path, string prefix) =>
        path.Equals(prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The OpenAPI path of a route: parameters as <c>{name}</c> (no constraints, no catch-all stars), no trailing slash.</summary>
    private static string PathOf(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => throw new InvalidOperationException("Unknown route part " + part),
        })));
        return "/" + string.Join("/", segments);
    }

    private static HashSet<string> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(path => (path.Value.Operations ?? []).Select(op => $"{op.Key.Method.ToUpperInvariant()} {path.Key.TrimEnd('/')}"))
            .ToHashSet(StringComparer.Ordinal);

    private async Task<string> FetchAsync()
    {
        using var response = await Gateway.Client.GetAsync(DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<OpenApiDocument> ParseAsync()
    {
        var (document, diagnostic) = OpenApiDocument.Parse(await FetchAsync(), OpenApiConstants.Json);
        Assert.Empty(diagnostic!.Errors);
        return document!;
    }

    private async Task<JsonNode> FetchNodeAsync() => JsonNode.Parse(await FetchAsync())!;

    private static IEnumerable<(string Method, JsonNode Operation)> AllOperations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(member => member.Value is JsonObject { } op && op.ContainsKey("responses"))
            .Select(member => (member.Key, member.Value!)));

    private static JsonNode FindOperation(JsonNode document, string operationId) =>
        AllOperations(document).Select(o => o.Operation).SingleOrDefault(o => o["operationId"]?.GetValue<string>() == operationId)
            ?? throw new Xunit.Sdk.XunitException($"No operation {operationId} in the document.");

    private static List<string> CodesOf(JsonNode response) => Strings(response[GatewayOpenApi.ProblemCodesExtension]);

    private static List<string> SchemesOf(JsonNode operation) =>
        [.. (operation["security"]?.AsArray() ?? []).SelectMany(requirement => requirement!.AsObject().Select(scheme => scheme.Key))];

    private static List<string> Strings(JsonNode? array) => [.. (array?.AsArray() ?? []).Select(item => item!.GetValue<string>())];
}
