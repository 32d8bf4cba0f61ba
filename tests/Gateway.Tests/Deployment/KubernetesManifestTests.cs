using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Configuration;
using PasskeyGateway.Testing;
using static PasskeyGateway.Tests.Deployment.KubernetesManifests;

namespace PasskeyGateway.Tests.Deployment;

/// <summary>
/// config/kubernetes/ and the Dockerfile agree with each other and with the gateway (issue 7 items 6–7): the Service,
/// probes and network policy reach the gateway's ports and nothing else, gateway.json names the paths the pod mounts
/// and passes the gateway's own validation, every container is hardened, and the replicas variant shares its state.
/// </summary>
public sealed class KubernetesManifestTests
{
    private const string GatewayName = "gateway";
    private const string AppName = "app";

    private readonly KubernetesManifests _sidecar = Load("sidecar");
    private readonly KubernetesManifests _replicas = Load("replicas");
    private readonly Dockerfile _image = Dockerfile.Load();

    public static TheoryData<string> Variants => ["sidecar", "replicas"];

    private JsonObject Deployment => _sidecar.Get("Deployment");

    private JsonObject GatewayContainer => Container(Deployment, GatewayName);

    private JsonObject GatewayJson => JsonNode.Parse((string)_sidecar.Get("ConfigMap")["data"]!["gateway.json"]!)!.AsObject();

    private JsonObject GatewayPort => Assert.Single(Ports(GatewayContainer), p => (string?)p["name"] == "http");

    [Fact]
    public void Service_SelectsTheDeploymentsPods_AndTargetsOnlyTheGatewayPort()
    {
        var service = _sidecar.Get("Service");
        var labels = PodLabels(Deployment);

        Assert.True(Selects(Deployment["spec"]!["selector"]!["matchLabels"]!.AsObject(), labels), "The Deployment's selector misses its own pods.");
        Assert.True(Selects(service["spec"]!["selector"]!.AsObject(), labels), "The Service selects other pods than the Deployment's.");
        var port = Assert.Single(service["spec"]!["ports"]!.AsArray())!;
        Assert.Equal("http", (string?)port["targetPort"]);
        Assert.Same(GatewayPort, Port(GatewayContainer, port["targetPort"]));
    }

    [Fact]
    public void Probes_AskHealthzForLivenessAndThisReplicasOwnReadiness_OnTheGatewayPort()
    {
        Assert.Equal("/healthz", ProbePath("livenessProbe"));
        Assert.Equal("/readyz/local", ProbePath("readinessProbe"));
        Assert.Equal("/healthz", ProbePath("startupProbe"));

        string ProbePath(string probe)
        {
            var get = GatewayContainer[probe]!["httpGet"]!;
            Assert.Same(GatewayPort, Port(GatewayContainer, get["port"]));
            return (string)get["path"]!;
        }
    }

    [Fact]
    public void GatewayJson_NamesThePathsThePodMounts()
    {
        var environment = GatewayPodFiles.EffectiveEnvironment(_image, GatewayContainer, _sidecar.Objects);
        var gateway = GatewayJson["Gateway"]!;

        // The config file: an entry of the ConfigMap, mounted as a whole folder (a subPath mount never sees updates).
        var configPath = environment["GATEWAY_CONFIG"];
        var (configMount, configVolume) = MountHolding(Deployment, GatewayContainer, configPath);
        Assert.Equal(Name(_sidecar.Get("ConfigMap")), (string?)configVolume["configMap"]?["name"]);
        Assert.Null(configMount["subPath"]);
        Assert.True((bool?)configMount["readOnly"]);
        Assert.Equal("gateway.json", Path.GetRelativePath((string)configMount["mountPath"]!, configPath));

        // The signing key: an entry of the Secret, mounted read-only.
        var keyPath = (string)Assert.Single(gateway["Tokens"]!["SigningKeys"]!.AsArray())!["Path"]!;
        var (keyMount, keyVolume) = MountHolding(Deployment, GatewayContainer, keyPath);
        var secret = _sidecar.Get("Secret");
        Assert.Equal(Name(secret), (string?)keyVolume["secret"]?["secretName"]);
        Assert.True((bool?)keyMount["readOnly"]);
        Assert.Contains(Path.GetRelativePath((string)keyMount["mountPath"]!, keyPath), SecretEntries(secret).Keys);

        // The data directory: a writable emptyDir, where the image declares its volume.
        var dataDirectory = (string)gateway["DataDirectory"]!;
        var (dataMount, dataVolume) = MountHolding(Deployment, GatewayContainer, dataDirectory);
        Assert.Equal(dataDirectory, (string)dataMount["mountPath"]!);
        Assert.NotNull(dataVolume["emptyDir"]);
        Assert.NotEqual(true, (bool?)dataMount["readOnly"]);
        Assert.Equal(dataDirectory, Assert.Single(_image.Final.All("VOLUME")).Arguments);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task GatewayJson_AsThePodSeesIt_PassesTheGatewaysOwnValidation(string variant)
    {
        var container = variant == "replicas" ? PatchedGateway() : GatewayContainer;
        var objects = variant == "replicas" ? [.. _sidecar.Objects, .. _replicas.Objects] : _sidecar.Objects;
        using var pod = GatewayPodFiles.Create(_image, Deployment, container, objects);

        await using var app = GatewayApp.BuildForCommand(GatewayConfigFile.Locate(pod.ConfigPath));
        var (snapshot, problems) = await app.Services.GetRequiredService<GatewayConfigLoader>().LoadAsync(app.Configuration, generation: 1);

        Assert.True(snapshot is not null, string.Join(Environment.NewLine, problems));
        Assert.Equal(variant == "replicas" ? [] : ["Gateway.Redis"], problems.Select(p => p.Path));
        Assert.Equal(variant == "replicas" ? StoreProvider.Postgres : StoreProvider.Sqlite, snapshot.Options.Store.Provider);
    }

    [Fact]
    public void LegacyApp_ListensOnLoopbackOnly_AndIsTheGatewaysOnlyBackend()
    {
        var app = Container(Deployment, AppName);
        var url = new Uri((string)Assert.Single(app["env"]!.AsArray(), e => (string?)e!["name"] == "ASPNETCORE_URLS")!["value"]!);

        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(url.Host)), $"The app listens on {url.Host}, reachable from outside the pod.");
        Assert.Empty(Ports(app));
        var destinations = GatewayJson["ReverseProxy"]!["Clusters"]!.AsObject()
            .SelectMany(c => c.Value!["Destinations"]!.AsObject())
            .Select(d => new Uri((string)d.Value!["Address"]!));
        Assert.All(destinations, d => Assert.Equal(url.GetLeftPart(UriPartial.Authority), d.GetLeftPart(UriPartial.Authority)));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Containers_RunAsNonRoot_OnAReadOnlyRootFilesystem_WithoutPrivileges(string variant)
    {
        var deployments = (variant == "replicas" ? _replicas : _sidecar).All("Deployment").ToList();
        Assert.NotEmpty(deployments);
        foreach (var deployment in deployments)
        {
            var pod = PodSpec(deployment);
            Assert.False((bool?)pod["automountServiceAccountToken"] ?? true, $"{Name(deployment)}: no container talks to the Kubernetes API.");
            foreach (var container in Containers(deployment))
            {
                var where = $"{Name(deployment)}/{container["name"]}";
                var context = (JsonObject)pod["securityContext"]!.DeepClone();
                foreach (var (key, value) in container["securityContext"]!.AsObject())
                {
                    context[key] = value!.DeepClone();
                }

                Assert.True((bool?)context["runAsNonRoot"], where);
                Assert.NotEqual(0L, (long?)context["runAsUser"] ?? -1);
                Assert.True((bool?)context["readOnlyRootFilesystem"], where);
                Assert.False((bool?)context["allowPrivilegeEscalation"] ?? true, where);
                Assert.Equal(["ALL"], context["capabilities"]!["drop"]!.AsArray().Select(c => (string)c!));
                Assert.Null(context["capabilities"]!["add"]);
                Assert.Equal("RuntimeDefault", (string?)context["seccompProfile"]?["type"]);
                foreach (var bound in new[] { "requests", "limits" })
                {
                    Assert.True(container["resources"]?[bound]?["cpu"] is not null && container["resources"]?[bound]?["memory"] is not null, $"{where}: resources.{bound} cpu and memory.");
                }
            }
        }
    }

    [Fact]
    public void Image_RunsAsTheDeploymentsNumericNonRootUser_WithIcu_AndLeavesHealthToTheProbes()
    {
        var user = Assert.Single(_image.Final.All("USER")).Arguments.Split(':');

        Assert.True(long.TryParse(user[0], out var uid) && uid > 0, "USER must be a non-root number: runAsNonRoot cannot check a name.");
        Assert.Equal(uid, (long?)GatewayContainer["securityContext"]!["runAsUser"]);
        Assert.Equal(long.Parse(user[1], System.Globalization.CultureInfo.InvariantCulture), (long?)GatewayContainer["securityContext"]!["runAsGroup"]);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", _image.Final.Image);
        Assert.Equal("false", _image.Final.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"]);
        Assert.Empty(_image.Stages.SelectMany(s => s.All("HEALTHCHECK")));
        Assert.Equal(["dotnet", "gateway.dll"], Assert.Single(_image.Final.All("ENTRYPOINT")).ExecForm);
    }

    [Fact]
    public void Image_ListensOnTheGatewayPort_AndPollsItsConfigForConfigMapUpdates()
    {
        var environment = GatewayPodFiles.EffectiveEnvironment(_image, GatewayContainer, _sidecar.Objects);

        var urls = environment["ASPNETCORE_URLS"].Split(';');
        Assert.Equal((long)GatewayPort["containerPort"]!, new Uri(Assert.Single(urls).Replace("+", "localhost", StringComparison.Ordinal)).Port);
        Assert.Equal(GatewayPort["containerPort"]!.ToString(), Assert.Single(_image.Final.All("EXPOSE")).Arguments);
        Assert.Equal("true", environment["DOTNET_USE_POLLING_FILE_WATCHER"]);
    }

    [Fact]
    public void Metrics_ServedOnTheirOwnPort_WhichPrometheusIsToldToScrape()
    {
        var annotations = Deployment["spec"]!["template"]!["metadata"]!["annotations"]!;
        var metricsPort = (long)GatewayJson["Gateway"]!["Metrics"]!["Port"]!;

        var port = Assert.Single(Ports(GatewayContainer), p => (string?)p["name"] == "metrics");
        Assert.Equal(metricsPort, (long)port["containerPort"]!);
        Assert.NotEqual(metricsPort, (long)GatewayPort["containerPort"]!);
        Assert.Equal("true", (string?)annotations["prometheus.io/scrape"]);
        Assert.Equal(metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", (string?)annotations["prometheus.io/path"]);
    }

    [Fact]
    public void NetworkPolicy_AdmitsOnlyTheGatewayPort_AndMetricsFromTheMonitoringNamespace()
    {
        var policy = _sidecar.Get("NetworkPolicy");
        var spec = policy["spec"]!;

        Assert.True(Selects(spec["podSelector"]!["matchLabels"]!.AsObject(), PodLabels(Deployment)));
        Assert.Contains("Ingress", spec["policyTypes"]!.AsArray().Select(t => (string?)t));
        var admitted = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var rule in spec["ingress"]!.AsArray())
        {
            var ports = rule!["ports"]?.AsArray();
            Assert.True(ports is { Count: > 0 }, "An ingress rule without ports admits every port, the app's included.");
            foreach (var reference in ports)
            {
                var port = Port(GatewayContainer, reference!["port"]);
                Assert.True(port is not null, $"The policy admits port {reference["port"]}, which is not one of the gateway's.");
                admitted[(string)port["name"]!] = rule["from"];
            }
        }

        Assert.Equal(["http", "metrics"], admitted.Keys.Order(StringComparer.Ordinal));
        var metricsSource = Assert.Single(admitted["metrics"]!.AsArray())!;
        Assert.Equal("monitoring", (string?)metricsSource["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]);
        Assert.Null(metricsSource["podSelector"]);
    }

    [Fact]
    public void Replicas_RunThreeGateways_ReadingRedisAndPostgresFromASecret()
    {
        var patch = _replicas.Patch("Deployment", Name(Deployment));
        var environment = PatchedGateway()["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!, StringComparer.Ordinal);
        var secret = _replicas.Get("Secret");

        Assert.Contains("../sidecar", _replicas.Kustomization["resources"]!.AsArray().Select(r => (string?)r));
        Assert.Equal(3L, (long?)patch["spec"]!["replicas"]);
        Assert.Equal("Postgres", (string?)environment["Gateway__Store__Provider"]["value"]);
        foreach (var name in new[] { "Gateway__Redis__Configuration", "Gateway__Store__ConnectionString" })
        {
            var reference = environment[name]["valueFrom"]?["secretKeyRef"];
            Assert.True(reference is not null, $"{name} must come from a Secret, not a literal value.");
            Assert.Equal(Name(secret), (string?)reference["name"]);
            Assert.Contains((string)reference["key"]!, SecretEntries(secret).Keys);
        }

        // The placeholder URL points at the Redis the variant runs, which takes its password from the same Secret.
        var redisUrl = new Uri(SecretEntries(secret)[(string)environment["Gateway__Redis__Configuration"]["valueFrom"]!["secretKeyRef"]!["key"]!]);
        var redisService = _replicas.Get("Service", redisUrl.Host);
        Assert.Equal((long)redisUrl.Port, (long)Assert.Single(redisService["spec"]!["ports"]!.AsArray())!["port"]!);
        var redis = _replicas.Get("Deployment", redisUrl.Host);
        Assert.True(Selects(redisService["spec"]!["selector"]!.AsObject(), PodLabels(redis)));
        var password = Assert.Single(Containers(redis).Single()["env"]!.AsArray())!["valueFrom"]!["secretKeyRef"]!;
        Assert.Equal(Name(secret), (string?)password["name"]);

        var budget = _replicas.Get("PodDisruptionBudget");
        Assert.True(Selects(budget["spec"]!["selector"]!["matchLabels"]!.AsObject(), PodLabels(Deployment)));
        Assert.InRange((long)budget["spec"]!["minAvailable"]!, 1, 2);
    }

    [Fact]
    public void Redis_AdmitsOnlyTheGatewayPods()
    {
        var redis = _replicas.Get("Deployment", "passkey-gateway-redis");
        var spec = _replicas.Get("NetworkPolicy")["spec"]!;

        Assert.True(Selects(spec["podSelector"]!["matchLabels"]!.AsObject(), PodLabels(redis)));
        var rule = Assert.Single(spec["ingress"]!.AsArray())!;
        var source = Assert.Single(rule["from"]!.AsArray())!;
        Assert.True(Selects(source["podSelector"]!["matchLabels"]!.AsObject(), PodLabels(Deployment)));
        Assert.Null(source["namespaceSelector"]);
        Assert.NotNull(Port(Containers(redis).Single(), Assert.Single(rule["ports"]!.AsArray())!["port"]));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Kustomization_ListsEveryManifest_ButNeverTheSecretPlaceholder(string variant)
    {
        var manifests = variant == "replicas" ? _replicas : _sidecar;
        var listed = manifests.Kustomization["resources"]!.AsArray().Select(r => (string)r!)
            .Concat(manifests.Patches.Select(SourceFile))
            .ToList();

        Assert.All(listed, r => Assert.True(System.IO.File.Exists(Path.Combine(manifests.Folder, r)) || Directory.Exists(Path.Combine(manifests.Folder, r)), $"{r} is listed but missing."));
        Assert.Equal(manifests.Files.Where(f => f != "secret.yaml").Order(StringComparer.Ordinal), listed.Where(r => r.EndsWith(".yaml", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal));

        // The committed Secret holds nothing usable: no PEM key, no password.
        var secret = manifests.Get("Secret");
        Assert.Equal("secret.yaml", SourceFile(secret));
        Assert.All(SecretEntries(secret), e => Assert.True(
            e.Value.Contains("PLACEHOLDER", StringComparison.Ordinal) || e.Value.Contains("REPLACE-ME", StringComparison.Ordinal),
            $"{e.Key} must hold an obvious placeholder."));
        Assert.DoesNotContain(SecretEntries(secret).Values, v => v.Contains("PRIVATE KEY-----", StringComparison.Ordinal));
    }

    /// <summary>The sidecar's gateway container with the replicas patch's env merged in by name, as kustomize does.</summary>
    private JsonObject PatchedGateway()
    {
        var container = (JsonObject)GatewayContainer.DeepClone();
        var patch = Container(_replicas.Patch("Deployment", Name(Deployment)), GatewayName);
        var environment = container["env"] as JsonArray ?? [];
        foreach (var variable in patch["env"]!.AsArray())
        {
            if (environment.FirstOrDefault(e => (string?)e!["name"] == (string?)variable!["name"]) is { } replaced)
            {
                environment.Remove(replaced);
            }

            environment.Add(variable!.DeepClone());
        }

        container["env"] = environment;
        return container;
    }
}
