using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Observability;

/// <summary>
/// OpenTelemetry listens to meters by name across the process, so gateways of other test classes would add to these
/// counts: this collection runs alone.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>Prometheus text on <c>/metrics</c>: the gateway's series with low-cardinality labels (DESIGN.md §10).</summary>
[Collection(typeof(RunsAlone))]
public sealed partial class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterDecisions_CountEachByRouteAndDecision_WithoutUserOrPathLabels()
    {
        await using var gateway = await GatewayHost.StartAsync();
        var token = gateway.IssueAccessToken(GatewayHost.Identity("mallory-the-user"));
        await SendAsync(gateway, "/admin/secret-path-1", token);
        await SendAsync(gateway, "/admin/secret-path-2", token);
        await SendAsync(gateway, "/app/x", token);
        await SendAsync(gateway, "/fresh/x", gateway.IssueAccessToken(GatewayHost.Identity("mallory-the-user") with { AuthTime = DateTimeOffset.UtcNow.AddMinutes(-6) }));
        await SendAsync(gateway, "/app/x", null);
        await SendAsync(gateway, "/app/x", null, html: true);
        await SendAsync(gateway, "/app/x", "not-a-token");
        await SendAsync(gateway, "/public/x", null);
        await SendAsync(gateway, "/public/x", null, html: true);
        using (var client = new PasskeyClient(gateway))
        {
            (await client.RegisterAsync("metrics-user")).Dispose();
            (await client.RegisterAsync(username: null)).Dispose();
            (await client.PostJsonAsync("/.auth/passkeys/registration", new System.Text.Json.Nodes.JsonObject())).Dispose();
        }

        var metrics = await gateway.Client.GetStringAsync("/metrics");

        Assert.Equal(2, Sample(metrics, "gateway_auth_decisions_total", ("route", "admin"), ("decision", "forbidden")));
        Assert.Equal(1, Sample(metrics, "gateway_auth_decisions_total", ("route", "app"), ("decision", "allow")));
        Assert.Equal(2, Sample(metrics, "gateway_auth_decisions_total", ("route", "app"), ("decision", "unauthenticated")));
        Assert.Equal(1, Sample(metrics, "gateway_auth_decisions_total", ("route", "app"), ("decision", "redirect")));
        Assert.Equal(2, Sample(metrics, "gateway_auth_decisions_total", ("route", "public"), ("decision", "allow")));
        Assert.Equal(1, Sample(metrics, "gateway_auth_decisions_total", ("route", "fresh"), ("decision", "step_up")));
        // The bearer token: a miss then two hits; the stale token: a miss; the session cookie of the new account: a miss then two hits.
        Assert.Equal(3, Sample(metrics, "gateway_token_validations_total", ("source", "self"), ("result", "valid"), ("cache", "miss")));
        Assert.Equal(4, Sample(metrics, "gateway_token_validations_total", ("source", "self"), ("result", "valid"), ("cache", "hit")));
        Assert.Equal(1, Sample(metrics, "gateway_token_validations_total", ("source", "unknown"), ("result", "token-malformed"), ("cache", "miss")));
        Assert.Equal(2, Sample(metrics, "gateway_ceremonies_total", ("ceremony", "passkey_registration_options"), ("outcome", "success")));
        Assert.Equal(2, Sample(metrics, "gateway_ceremonies_total", ("ceremony", "passkey_registration"), ("outcome", "success")));
        Assert.Equal(1, Sample(metrics, "gateway_ceremonies_total", ("ceremony", "passkey_registration"), ("outcome", "credential-malformed")));
        Assert.Equal(3, Sample(metrics, "gateway_ceremony_duration_seconds_count", ("ceremony", "passkey_registration")));
        Assert.DoesNotContain("mallory-the-user", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("metrics-user", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-path", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(token, metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsPort_ServesMetricsThere_AndNowhereElse_AndProxiesNothing()
    {
        var metricsPort = FreePort.Next();
        await using var gateway = await GatewayHost.StartAsync(config => config["Gateway"]!["Metrics"] = new JsonObject { ["Port"] = metricsPort });
        using var metricsClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}/") };

        using var onMetricsPort = await metricsClient.GetAsync("/metrics");
        using var onMainPort = await gateway.Client.GetAsync("/metrics");
        using var proxiedOnMetricsPort = await metricsClient.GetAsync("/public/x");
        using var readyOnMetricsPort = await metricsClient.GetAsync("/readyz");
        using var proxiedOnMainPort = await gateway.Client.GetAsync("/public/x");

        Assert.Equal(HttpStatusCode.OK, onMetricsPort.StatusCode);
        Assert.StartsWith("text/plain", onMetricsPort.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, onMainPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, proxiedOnMetricsPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyOnMetricsPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, proxiedOnMainPort.StatusCode);
    }

    /// <summary>The value of the one sample of <paramref name="name"/> carrying exactly these label values (0 if none).</summary>
    private static double Sample(string exposition, string name, params (string Label, string Value)[] labels)
    {
        var matches = exposition.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal))
            .Select(line => SampleLine().Match(line))
            .Where(m => m.Success)
            .Where(m =>
            {
                var present = LabelPair().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
                return labels.All(l => present.TryGetValue(l.Label, out var v) && v == l.Value)
                    && present.Keys.Except(["otel_scope_name", "otel_scope_version"]).Count() == labels.Length;
            })
            .ToList();
        return matches.Count == 0 ? 0 : double.Parse(Assert.Single(matches).Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task SendAsync(GatewayHost gateway, string path, string? token, bool html = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (html)
        {
            request.Headers.Accept.ParseAdd("text/html");
        }

        (await gateway.Client.SendAsync(request)).Dispose();
    }

    [GeneratedRegex(@"^[a-z_]+\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-z_]+)=""([^""]*)""")]
    private static partial Regex LabelPair();
}
