using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Deployment;

/// <summary>
/// What the Dockerfile builds, built and run without Docker (issue 7 item 6): the build stage's publish from the
/// .dockerignore'd context is framework-dependent, and the result serves health, readiness and metrics as a non-root
/// user on a read-only root filesystem, and reloads its config when a ConfigMap-style symlink swap replaces it.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PublishedImageTests(ImageBuild image) : IClassFixture<ImageBuild>, IDisposable
{
    private readonly string _directory = ImageBuild.CreateSharedDirectory("published-gateway-");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void BuildStage_IsThePlainPublish_FromAContextWithoutBuildOutputsTestsOrLocalData()
    {
        var context = image.ContextDirectory;

        Assert.Equal(["dotnet publish src/Gateway -c Release -o /app"], image.Commands);
        Assert.True(File.Exists(Path.Combine(context, "src", "Gateway", "Gateway.csproj")));
        Assert.DoesNotContain(Directory.EnumerateDirectories(context, "*", SearchOption.AllDirectories), d => Path.GetFileName(d) is "bin" or "obj" or "TestResults");
        foreach (var absent in new[] { "tests", "data", "benchmarks", "samples", "config", ".git", "README.md" })
        {
            Assert.False(Path.Exists(Path.Combine(context, absent)), $"{absent} is in the build context.");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Build stage (dotnet publish) took {image.Duration.TotalSeconds:F1} s.");
    }

    [Fact]
    public async Task Publish_IsFrameworkDependent_GatewayDllAndItsRuntimeConfig()
    {
        var published = image.PublishDirectory;

        Assert.True(File.Exists(Path.Combine(published, "gateway.dll")), "gateway.dll is missing: the ENTRYPOINT runs it.");
        using var runtimeConfig = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(published, "gateway.runtimeconfig.json")));
        var options = runtimeConfig.RootElement.GetProperty("runtimeOptions");
        Assert.Contains("Microsoft.AspNetCore.App", FrameworkNames(options));
        Assert.False(options.TryGetProperty("includedFrameworks", out _), "A self-contained publish: the runtime image already has the framework.");
        Assert.False(File.Exists(Path.Combine(published, "System.Private.CoreLib.dll")), "The runtime itself was published.");
        Assert.True(File.Exists(Path.Combine(published, "Gateway.Ceremonies.dll")), "Assemblies sit beside gateway.dll, not bundled into one file.");
    }

    [Fact]
    public async Task PublishedGateway_AsNonRootOnAReadOnlyRoot_AnswersHealthReadinessAndMetrics_WritingOnlyItsDataDirectory()
    {
        var (port, metricsPort) = (FreePort.Next(), FreePort.Next());
        var data = DataDirectory();
        var config = new ConfigMapFolder(Path.Combine(_directory, "config"), new Dictionary<string, string> { ["gateway.json"] = Config(port, data, metricsPort, "/{**rest}").ToJsonString() });

        await using var gateway = await ContainerProcess.StartAsync(image, Path.Combine(config.Path, "gateway.json"), data, port);

        using var health = await gateway.Client.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var readiness = await ReadinessAsync(gateway, port);
        Assert.Equal("Healthy", (string?)readiness["status"]);
        using var metrics = await gateway.Client.GetAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("gateway.db", Directory.GetFiles(data).Select(Path.GetFileName));
        Assert.Contains("dev-signing-key.pem", Directory.GetFiles(data).Select(Path.GetFileName));
        Assert.DoesNotContain("Read-only file system", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedGateway_ConfigMapSymlinkSwap_IsReloadedByThePollingWatcher()
    {
        var (port, metricsPort) = (FreePort.Next(), FreePort.Next());
        var data = DataDirectory();
        var before = Config(port, data, metricsPort, "/{**rest}");
        var config = new ConfigMapFolder(Path.Combine(_directory, "config"), new Dictionary<string, string> { ["gateway.json"] = before.ToJsonString() });
        await using var gateway = await ContainerProcess.StartAsync(image, Path.Combine(config.Path, "gateway.json"), data, port);
        Assert.Contains("; 1 routes;", await ConfigurationAsync(gateway, port), StringComparison.Ordinal);

        var after = (JsonObject)before.DeepClone();
        after["ReverseProxy"]!["Routes"]!["public"] = new JsonObject
        {
            ["ClusterId"] = "app",
            ["AuthorizationPolicy"] = "anonymous",
            ["Match"] = new JsonObject { ["Path"] = "/public/{**rest}" },
        };
        config.Update(new Dictionary<string, string> { ["gateway.json"] = after.ToJsonString() });

        // The polling watcher looks every 4 s; the kubelet's own delay (up to a minute) comes on top in a real pod.
        await Eventually.UntilAsync(
            async () => (await ConfigurationAsync(gateway, port)).Contains("; 2 routes;", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "The swapped ConfigMap file picked up",
            async () => $"{await ConfigurationAsync(gateway, port)}{Environment.NewLine}{gateway.Output}");
    }

    private static IEnumerable<string?> FrameworkNames(JsonElement options) =>
        options.TryGetProperty("frameworks", out var frameworks)
            ? frameworks.EnumerateArray().Select(f => f.GetProperty("name").GetString())
            : [options.GetProperty("framework").GetProperty("name").GetString()];

    private static async Task<JsonNode> ReadinessAsync(GatewayServerProcess gateway, int port)
    {
        using var response = await gateway.Client.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<string> ConfigurationAsync(GatewayServerProcess gateway, int port) =>
        (string)(await ReadinessAsync(gateway, port))["checks"]!["configuration"]!["description"]!;

    private static JsonObject Config(int port, string dataDirectory, int metricsPort, string path) => new()
    {
        ["Gateway"] = new JsonObject
        {
            ["PublicOrigin"] = $"http://localhost:{port}",
            ["Session"] = new JsonObject { ["Secure"] = false },
            ["DataDirectory"] = dataDirectory,
            ["Metrics"] = new JsonObject { ["Port"] = metricsPort },
        },
        ["ReverseProxy"] = new JsonObject
        {
            ["Routes"] = new JsonObject { ["app"] = new JsonObject { ["ClusterId"] = "app", ["Match"] = new JsonObject { ["Path"] = path } } },
            ["Clusters"] = new JsonObject
            {
                ["app"] = new JsonObject { ["Destinations"] = new JsonObject { ["local"] = new JsonObject { ["Address"] = "http://127.0.0.1:9/" } } },
            },
        },
    };

    /// <summary>Writable by anyone, as an emptyDir is.</summary>
    private string DataDirectory()
    {
        var data = Directory.CreateDirectory(Path.Combine(_directory, "data")).FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_111_111);
        return data;
    }
}
