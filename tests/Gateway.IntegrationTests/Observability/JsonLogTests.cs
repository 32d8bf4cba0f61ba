using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Observability;

/// <summary><c>Gateway:Logging:Format = json</c>: one JSON object per line; request lines carry the request and trace ids.</summary>
public sealed class JsonLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("json-logs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task JsonFormat_EveryLineIsJson_AndRequestLinesCarryRequestAndTraceIds()
    {
        var port = FreePort.Next();
        var config = TestConfig.Create(port, new Uri("http://127.0.0.1:9/"), Path.Combine(_directory, "data"));
        config["Gateway"]!["Logging"] = new JsonObject { ["Format"] = "json" };
        config["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Information", ["Microsoft.AspNetCore.Hosting"] = "Information" } };
        var path = Path.Combine(_directory, "gateway.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { GatewayProcess.DllPath, "--config", path, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        var output = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        });
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitForAsync(async () => (await client.GetAsync("/healthz")).IsSuccessStatusCode);
            (await client.GetAsync("/app/x")).Dispose();
            await WaitForAsync(() => Task.FromResult(Snapshot(lines).Any(l => l.Contains("/app/x", StringComparison.Ordinal))));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await output;
        }

        var documents = Snapshot(lines).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(documents, d => Assert.NotNull(d["LogLevel"]));
        var requestLines = documents.Where(d => d["Category"]!.GetValue<string>().StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, d =>
        {
            var scopes = d["Scopes"]!.ToJsonString();
            Assert.Contains("\"RequestId\"", scopes, StringComparison.Ordinal);
            Assert.Contains("\"TraceId\"", scopes, StringComparison.Ordinal);
        });
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    private static Task WaitForAsync(Func<Task<bool>> condition) => Eventually.UntilAsync(
        async () =>
        {
            try
            {
                return await condition();
            }
            catch (HttpRequestException)
            {
                return false; // Not listening yet.
            }
        },
        TimeSpan.FromSeconds(30),
        "the gateway's log line");
}
