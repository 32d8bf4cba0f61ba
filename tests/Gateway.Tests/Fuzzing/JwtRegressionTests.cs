using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Tests.Fuzzing;

/// <summary>
/// Bearer tokens the <c>jwt</c> fuzz target found (docs/security.md), through the gateway's own
/// <see cref="TokenValidator"/>. Before the fix, a five-part token (a JWE) with a part that is not base64url made the
/// <c>JsonWebToken</c> constructor throw <see cref="FormatException"/>, which the validator did not catch: a 500 for
/// any request carrying such a token.
/// </summary>
public sealed class JwtRegressionTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwt-regression-").FullName;
    private WebApplication _app = null!;

    public static TheoryData<string> Findings =>
    [
        // Found by AFL++ (smoke run): a JWE whose encrypted key is 321 characters long, which no base64url text is.
        "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00iLCJraWQiOiJrIn0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA7AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA.Y2lwaGVydGV4dA.AAAAAAAAAAAAAAAAAAAAAA",

        // The same, reduced by hand: a header "{}" and four parts, the first of them one character long.
        "e30.a.b.c.d",
    ];

    public ValueTask InitializeAsync()
    {
        var config = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(config, new JsonObject
        {
            ["Gateway"] = new JsonObject { ["PublicOrigin"] = "http://localhost:8080", ["Session"] = new JsonObject { ["Secure"] = false }, ["DataDirectory"] = "data" },
            ["ReverseProxy"] = new JsonObject { ["Routes"] = new JsonObject(), ["Clusters"] = new JsonObject() },
        }.ToJsonString());
        _app = GatewayApp.BuildForCommand(GatewayConfigFile.Locate(config));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public async Task ValidateAsync_FivePartTokenWithAPartThatIsNotBase64Url_IsMalformed(string token)
    {
        var validator = _app.Services.GetRequiredService<TokenValidator>();

        var outcome = await validator.ValidateAsync(token, TokenSource.Bearer, TestContext.Current.CancellationToken);

        Assert.Equal(ProblemCatalog.TokenMalformed.Code, outcome.Problem?.Code);
    }
}
