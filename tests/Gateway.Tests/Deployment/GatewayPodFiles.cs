using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PasskeyGateway.Testing;
using static PasskeyGateway.Tests.Deployment.KubernetesManifests;

namespace PasskeyGateway.Tests.Deployment;

/// <summary>
/// The gateway container's view of its pod, laid out under a temporary root: the environment it starts with (the
/// image's ENV, then the container's env with Secret references resolved) and its mounted files (ConfigMap entries,
/// Secret entries — a freshly generated key where the placeholder PEM stands — and empty emptyDirs). gateway.json is
/// rewritten for that root: absolute paths under a mount move below it, and <c>Gateway__…</c> variables are folded in
/// as ASP.NET Core would, so the gateway's own validation sees what the pod would.
/// </summary>
public sealed class GatewayPodFiles : IDisposable
{
    private GatewayPodFiles(string root, IReadOnlyDictionary<string, string> environment)
    {
        Root = root;
        Environment = environment;
    }

    public string Root { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public string ConfigPath => Map(Environment["GATEWAY_CONFIG"]);

    public static GatewayPodFiles Create(Dockerfile image, JsonObject deployment, JsonObject container, IReadOnlyList<JsonObject> objects)
    {
        var environment = EffectiveEnvironment(image, container, objects);
        var pod = new GatewayPodFiles(Directory.CreateTempSubdirectory("gateway-pod-").FullName, environment);
        var mountPaths = new List<string>();
        foreach (var mount in container["volumeMounts"]!.AsArray().Select(m => m!.AsObject()))
        {
            var mountPath = (string)mount["mountPath"]!;
            mountPaths.Add(mountPath);
            var target = Directory.CreateDirectory(pod.Map(mountPath)).FullName;
            var volume = Volume(deployment, (string)mount["name"]!);
            if (volume["configMap"] is { } configMap)
            {
                foreach (var (key, value) in FindObject(objects, "ConfigMap", (string)configMap["name"]!)["data"]!.AsObject())
                {
                    File.WriteAllText(Path.Combine(target, key), (string)value!);
                }
            }
            else if (volume["secret"] is { } secret)
            {
                foreach (var (key, value) in SecretEntries(FindObject(objects, "Secret", (string)secret["secretName"]!)))
                {
                    File.WriteAllText(Path.Combine(target, key), key.EndsWith(".pem", StringComparison.Ordinal) ? NewSigningKeyPem() : value);
                }
            }
        }

        var config = JsonNode.Parse(File.ReadAllText(pod.ConfigPath))!.AsObject();
        pod.MovePaths(config, mountPaths);
        foreach (var (name, value) in environment.Where(e => e.Key.Contains("__", StringComparison.Ordinal)))
        {
            Set(config, name.Split("__"), value);
        }

        File.WriteAllText(pod.ConfigPath, config.ToJsonString());
        return pod;
    }

    /// <summary>The image's ENV overlaid with the container's env; <c>secretKeyRef</c> values read from the Secrets.</summary>
    public static IReadOnlyDictionary<string, string> EffectiveEnvironment(Dockerfile image, JsonNode container, IEnumerable<JsonObject> objects)
    {
        var environment = new Dictionary<string, string>(image.Final.Environment, StringComparer.Ordinal);
        foreach (var variable in container["env"]?.AsArray().Select(e => e!.AsObject()) ?? [])
        {
            var name = (string)variable["name"]!;
            if (variable["valueFrom"]?["secretKeyRef"] is { } reference)
            {
                var entries = SecretEntries(FindObject(objects, "Secret", (string)reference["name"]!));
                Assert.True(entries.TryGetValue((string)reference["key"]!, out var value), $"{name}: the Secret {reference["name"]} has no key {reference["key"]}.");
                environment[name] = value;
            }
            else
            {
                environment[name] = (string?)variable["value"] ?? "";
            }
        }

        return environment;
    }

    public string Map(string podPath) => Path.Join(Root, podPath);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static JsonObject FindObject(IEnumerable<JsonObject> objects, string kind, string name)
    {
        var found = objects.SingleOrDefault(o => Kind(o) == kind && Name(o) == name);
        Assert.True(found is not null, $"The pod refers to {kind} '{name}', which no manifest defines.");
        return found;
    }

    private void MovePaths(JsonNode node, List<string> mountPaths)
    {
        switch (node)
        {
            case JsonObject values:
                foreach (var (key, value) in values.ToList())
                {
                    if (value is JsonValue text && text.TryGetValue<string>(out var path) && mountPaths.Any(m => IsUnder(path, m)))
                    {
                        values[key] = Map(path);
                    }
                    else if (value is not null)
                    {
                        MovePaths(value, mountPaths);
                    }
                }

                break;
            case JsonArray items:
                foreach (var item in items.OfType<JsonNode>())
                {
                    MovePaths(item, mountPaths);
                }

                break;
        }
    }

    /// <summary><c>Gateway__Store__Provider</c> sets Gateway:Store:Provider; configuration keys ignore case.</summary>
    private static void Set(JsonObject config, string[] keys, string value)
    {
        var node = config;
        foreach (var key in keys[..^1])
        {
            var existing = node.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
            node = existing.Value as JsonObject ?? (JsonObject)(node[key] = new JsonObject());
        }

        var last = node.FirstOrDefault(p => p.Key.Equals(keys[^1], StringComparison.OrdinalIgnoreCase)).Key ?? keys[^1];
        node[last] = value;
    }

    private static string NewSigningKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }
}
