using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.ForwardAuth;

/// <summary>
/// The configs of <c>docs/forward-auth.md</c>, read from the document itself, so the tests run what users copy.
/// In them the gateway is <c>127.0.0.1:4180</c>, the application <c>127.0.0.1:3000</c>, the ingress port 8000.
/// </summary>
internal static class ForwardAuthDoc
{
    public const string GatewayAddress = "127.0.0.1:4180";
    public const string AppAddress = "127.0.0.1:3000";

    /// <summary>The fenced block after the <c>&lt;!-- tested: {name}</c> marker.</summary>
    public static string Block(string name)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine("docs", "forward-auth.md"));
        var marker = text.IndexOf($"<!-- tested: {name} ", StringComparison.Ordinal);
        Assert.True(marker >= 0, $"docs/forward-auth.md has no block marked 'tested: {name}'.");
        var start = text.IndexOf('\n', text.IndexOf("```", marker, StringComparison.Ordinal)) + 1;
        var end = text.IndexOf("\n```", start, StringComparison.Ordinal);
        return text[start..end];
    }

    /// <summary>The block with the test's addresses in place of the document's.</summary>
    public static string Block(string name, int gatewayPort, Uri app) =>
        Block(name)
            .Replace(GatewayAddress, $"127.0.0.1:{gatewayPort}", StringComparison.Ordinal)
            .Replace(AppAddress, app.Authority, StringComparison.Ordinal);
}
