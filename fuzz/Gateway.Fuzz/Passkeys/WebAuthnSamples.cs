using System.Buffers.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies.Passkeys;

namespace PasskeyGateway.Fuzz.Passkeys;

/// <summary>
/// The recorded Chromium ceremonies of the ceremony tests (tests/Gateway.Ceremonies.Tests/Passkeys/Samples), embedded
/// so the harness runs from any folder.
/// </summary>
internal static class WebAuthnSamples
{
    private const string Prefix = "PasskeyGateway.Fuzz.Samples.";

    public static JsonNode Load(string name)
    {
        using var stream = typeof(WebAuthnSamples).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"Sample {name} is not embedded in the harness.");
        return JsonNode.Parse(stream)!;
    }

    /// <summary>Every recorded registration (reg-*) or assertion (auth-*), by file name.</summary>
    public static IEnumerable<(string Name, JsonNode Sample)> All(string kind) =>
        typeof(WebAuthnSamples).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix + kind, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => n[Prefix.Length..])
            .Select(n => (n, Load(n)));

    public static byte[] Bytes(JsonNode node) => Base64Url.DecodeFromChars(node.GetValue<string>());

    /// <summary>The product's verifier with the relying party and origin the sample was recorded for, and no metadata.</summary>
    public static PasskeyVerifier Verifier(JsonNode sample) => new(
        new PasskeySettings
        {
            RelyingPartyId = sample["rpId"]!.GetValue<string>(),
            RelyingPartyName = "Fuzzing",
            Origins = new HashSet<string>(StringComparer.Ordinal) { sample["origin"]!.GetValue<string>() },
        },
        metadata: null,
        NullLogger<PasskeyVerifier>.Instance);

    /// <summary>The file name a seed taken from <paramref name="sampleName"/> is kept under.</summary>
    public static string SeedName(string sampleName, string extension) => Path.ChangeExtension(sampleName, extension);
}
