using System.Text.Json;
using Microsoft.Playwright;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>
/// Records the page's calls of the WebAuthn Signal API (<c>PublicKeyCredential.signal*</c>): installed before any
/// page script runs, it replaces the three methods (defining them where the browser lacks them) with ones that
/// remember their argument.
/// </summary>
public static class SignalSpy
{
    private const string Install = """
        (() => {
          const calls = [];
          Object.defineProperty(window, "__signals", { value: calls });
          for (const name of ["signalUnknownCredential", "signalAllAcceptedCredentials", "signalCurrentUserDetails"]) {
            PublicKeyCredential[name] = async (options) => { calls.push({ name, options: JSON.parse(JSON.stringify(options)) }); };
          }
        })();
        """;

    public static Task InstallAsync(IBrowserContext context) => context.AddInitScriptAsync(Install);

    /// <summary>The calls so far, oldest first, as (method name, its options object).</summary>
    public static async Task<IReadOnlyList<(string Name, JsonElement Options)>> CallsAsync(IPage page)
    {
        var calls = await page.EvaluateAsync<JsonElement>("window.__signals");
        return [.. calls.EnumerateArray().Select(call => (call.GetProperty("name").GetString()!, call.GetProperty("options").Clone()))];
    }
}
