using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PasskeyGateway.Testing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PasskeyGateway.Tests.Deployment;

/// <summary>
/// One folder of <c>config/kubernetes/</c>: its objects, the patches its kustomization.yaml applies, and the
/// kustomization itself, every YAML document as a JSON tree with plain scalars typed the YAML 1.1 way Kubernetes reads
/// them (integers, octal <c>0440</c>, booleans, null), so tests can follow the references between them.
/// </summary>
public sealed class KubernetesManifests
{
    private KubernetesManifests(string folder, JsonObject kustomization, IReadOnlyList<JsonObject> objects, IReadOnlyList<JsonObject> patches)
    {
        Folder = folder;
        Kustomization = kustomization;
        Objects = objects;
        Patches = patches;
    }

    public string Folder { get; }

    public JsonObject Kustomization { get; }

    /// <summary>Every object of the folder's manifests; each carries the file it came from as <c>$file</c>.</summary>
    public IReadOnlyList<JsonObject> Objects { get; }

    /// <summary>The documents of the files kustomization.yaml lists under <c>patches</c>.</summary>
    public IReadOnlyList<JsonObject> Patches { get; }

    public IEnumerable<string> Files => Objects.Concat(Patches).Select(SourceFile).Distinct(StringComparer.Ordinal);

    public static KubernetesManifests Load(string variant)
    {
        var folder = RepositoryRoot.Combine("config", "kubernetes", variant);
        var kustomization = Assert.Single(Read(Path.Combine(folder, "kustomization.yaml")));
        var patchFiles = kustomization["patches"]?.AsArray().Select(p => (string)p!["path"]!).ToHashSet(StringComparer.Ordinal) ?? [];
        var objects = new List<JsonObject>();
        var patches = new List<JsonObject>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (file == "kustomization.yaml")
            {
                continue;
            }

            foreach (var document in Read(Path.Combine(folder, file!)))
            {
                document["$file"] = file;
                (patchFiles.Contains(file!) ? patches : objects).Add(document);
            }
        }

        return new KubernetesManifests(folder, kustomization, objects, patches);
    }

    public JsonObject Get(string kind, string? name = null) =>
        Assert.Single(Objects, o => Kind(o) == kind && (name is null || Name(o) == name));

    public JsonObject Patch(string kind, string name) => Assert.Single(Patches, o => Kind(o) == kind && Name(o) == name);

    public IEnumerable<JsonObject> All(string kind) => Objects.Where(o => Kind(o) == kind);

    public static string Kind(JsonNode manifest) => (string)manifest["kind"]!;

    public static string Name(JsonNode manifest) => (string)manifest["metadata"]!["name"]!;

    public static string SourceFile(JsonNode manifest) => (string)manifest["$file"]!;

    public static JsonObject PodSpec(JsonNode deployment) => deployment["spec"]!["template"]!["spec"]!.AsObject();

    public static JsonObject PodLabels(JsonNode deployment) => deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

    public static IEnumerable<JsonObject> Containers(JsonNode deployment) => PodSpec(deployment)["containers"]!.AsArray().Select(c => c!.AsObject());

    public static JsonObject Container(JsonNode deployment, string name) => Assert.Single(Containers(deployment), c => (string)c["name"]! == name);

    public static IEnumerable<JsonObject> Ports(JsonNode container) => container["ports"]?.AsArray().Select(p => p!.AsObject()) ?? [];

    /// <summary>The container port a Service, probe or network policy refers to, by name or by number; null when none.</summary>
    public static JsonObject? Port(JsonNode container, JsonNode? reference) =>
        Ports(container).SingleOrDefault(p => reference?.GetValueKind() == JsonValueKind.Number
            ? (long)p["containerPort"]! == (long)reference
            : (string?)p["name"] == (string?)reference);

    public static JsonObject Volume(JsonNode deployment, string name) =>
        Assert.Single(PodSpec(deployment)["volumes"]!.AsArray().Select(v => v!.AsObject()), v => (string)v["name"]! == name);

    /// <summary>The deepest mount of <paramref name="container"/> that holds <paramref name="path"/>, and its volume.</summary>
    public static (JsonObject Mount, JsonObject Volume) MountHolding(JsonNode deployment, JsonNode container, string path)
    {
        var mount = container["volumeMounts"]?.AsArray().Select(m => m!.AsObject())
            .Where(m => IsUnder(path, (string)m["mountPath"]!))
            .MaxBy(m => ((string)m["mountPath"]!).Length);
        Assert.True(mount is not null, $"No volume mount of container '{container["name"]}' holds {path}.");
        return (mount, Volume(deployment, (string)mount["name"]!));
    }

    public static bool IsUnder(string path, string folder) =>
        path == folder || path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>Whether every label <paramref name="selector"/> asks for is on <paramref name="labels"/>.</summary>
    public static bool Selects(JsonObject selector, JsonObject labels) =>
        selector.Count > 0 && selector.All(s => labels[s.Key] is { } value && (string?)value == (string?)s.Value);

    /// <summary>A Secret's entries, from <c>stringData</c> or base64 <c>data</c>.</summary>
    public static IReadOnlyDictionary<string, string> SecretEntries(JsonNode secret) =>
        (secret["stringData"]?.AsObject().Select(e => KeyValuePair.Create(e.Key, (string)e.Value!)) ?? [])
        .Concat(secret["data"]?.AsObject().Select(e => KeyValuePair.Create(e.Key, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)e.Value!)))) ?? [])
        .ToDictionary(StringComparer.Ordinal);

    private static IEnumerable<JsonObject> Read(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => (JsonObject)ToJson(d.RootNode)!);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException($"YAML {node.NodeType} at {node.Start}."),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when text.Length > 1 && text[0] == '0' && text.All(c => c is >= '0' and <= '7') => JsonValue.Create(Convert.ToInt64(text, 8)),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }
}
