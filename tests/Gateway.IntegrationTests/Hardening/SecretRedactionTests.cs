using System.Diagnostics;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Hardening;

/// <summary>
/// A credential a client puts in a query string (<c>?access_token=</c>, <c>?code=</c>…) reaches no log line and no
/// trace, even with every framework log on: ASP.NET Core logs each request's URL, YARP each forwarded one.
/// </summary>
public sealed class SecretRedactionTests
{
    private const string Secret = "S3CR3T-VALUE-d41d8cd9";

    public static TheoryData<string> SecretParameters => new()
    {
        "access_token", "token", "code", "id_token", "key", "password", "Access_Token", "client_secret", "sig",
    };

    [Theory]
    [MemberData(nameof(SecretParameters))]
    public async Task SecretQueryParameter_IsRedacted_InEveryLogLine_WhileTheRestOfTheQueryIsLogged(string name)
    {
        await using var gateway = await GatewayHost.StartAsync(config =>
            config["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Trace" } });

        (await gateway.Client.GetAsync($"/app/refused?{name}={Secret}&keep=visible-1")).Dispose();
        (await gateway.Client.GetAsync($"/public/forwarded?keep=visible-2&{name}={Secret}")).Dispose();
        (await gateway.Client.GetAsync($"/.auth/login?returnUrl=%2Fapp%3F{name}%3D{Secret}")).Dispose();

        var lines = gateway.Logs.Lines.Concat(gateway.Logs.StructuredValues).ToList();
        Assert.DoesNotContain(lines, l => l.Contains(Secret, StringComparison.Ordinal));

        // The control: the URLs were logged, query and all, with only the secret's value taken out.
        Assert.Contains(lines, l => l.Contains("keep=visible-1", StringComparison.Ordinal) && l.Contains(name + "=[redacted]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("keep=visible-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecretQueryParameter_IsRedacted_InTraces()
    {
        var tags = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || source.Name.StartsWith("System.Net.Http", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (tags)
                {
                    tags.AddRange(activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
                    tags.Add(activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var gateway = await GatewayHost.StartAsync(config =>
            config["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9");

        (await gateway.Client.GetAsync($"/public/traced?access_token={Secret}&keep=visible")).Dispose();

        lock (tags)
        {
            Assert.Contains(tags, t => t.StartsWith("url.", StringComparison.Ordinal));
            Assert.DoesNotContain(tags, t => t.Contains(Secret, StringComparison.Ordinal));
        }
    }
}
