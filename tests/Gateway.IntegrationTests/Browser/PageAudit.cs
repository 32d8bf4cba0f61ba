using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>
/// What every page of the gateway is held to, in one call for any page a test has open
/// (<c>await PageAudit.RunAsync(page, "account")</c>): no serious or critical axe-core violation in light or dark
/// colours, nothing wider than a 360 px screen, a visible focus ring on the first control the keyboard reaches, and
/// screenshots at 1280 and 360 px in light and dark under test-artifacts/screenshots/ for a person to look at. The page
/// is left at 1280 px in light colours.
/// </summary>
internal static class PageAudit
{
    /// <summary>axe-core's browser bundle: scripts/test.sh installs it with npm; <c>AXE_CORE_PATH</c> names another copy.</summary>
    public static string AxePath { get; } = Environment.GetEnvironmentVariable("AXE_CORE_PATH") is { Length: > 0 } path
        ? path
        : RepositoryRoot.Combine("test-tools", "node_modules", "axe-core", "axe.min.js");

    private static readonly int[] Widths = [1280, 360];
    private static readonly ColorScheme[] Schemes = [ColorScheme.Light, ColorScheme.Dark];

    /// <param name="name">The page's name in the screenshots' file names (<c>signin</c> → <c>signin-360-dark.png</c>).</param>
    public static async Task RunAsync(IPage page, string name)
    {
        if (!File.Exists(AxePath))
        {
            throw new InvalidOperationException(
                $"{AxePath} is missing: the page audits inject axe-core into the page. Install it with "
                + "`npm install --prefix test-tools axe-core@4.10.3` at the repository root (scripts/test.sh does), or set AXE_CORE_PATH to an axe.min.js.");
        }

        var violations = new List<string>();
        foreach (var scheme in Schemes)
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, 800);
                await page.ScreenshotAsync(new() { Path = Path.Combine(TestArtifacts.Screenshots, $"{name}-{width}-{Label(scheme)}.png"), FullPage = true });
                if (width == 360)
                {
                    var widths = await page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, window.innerWidth]");
                    var (scrollWidth, innerWidth) = (widths[0], widths[1]);
                    Assert.True(scrollWidth <= innerWidth, $"The {name} page is {scrollWidth} px wide at a {innerWidth} px viewport ({Label(scheme)}): something overflows horizontally.");
                }
            }

            await page.SetViewportSizeAsync(1280, 800);
            violations.AddRange((await AxeViolationsAsync(page)).Select(v => $"{Label(scheme)}: {v}"));
        }

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        Assert.True(violations.Count == 0, $"axe-core found serious or critical problems on the {name} page:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
        await AssertFocusVisibleAsync(page, name);
    }

    /// <summary>
    /// axe-core's serious and critical violations, one line each with the elements. The script is evaluated rather
    /// than added as a script tag: the pages' CSP (<c>default-src 'self'</c>) refuses an injected inline script, and
    /// it must stay on for the audit to see the page as users do.
    /// </summary>
    private static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(await File.ReadAllTextAsync(AxePath));
        }

        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const results = await axe.run(document, { resultTypes: ["violations"] });
              return results.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
            }
            """);
        return [.. result.EnumerateArray().Select(v => new StringBuilder()
            .Append(v.GetProperty("impact").GetString()).Append(' ').Append(v.GetProperty("id").GetString()).Append(": ")
            .Append(v.GetProperty("help").GetString()).Append(" at ")
            .AppendJoin(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))
            .ToString())];
    }

    /// <summary>Tabs from the top of the page to the first control and checks its focus ring: an outline of at least 2 px.</summary>
    private static async Task AssertFocusVisibleAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        await page.Keyboard.PressAsync("Tab");
        var focus = await page.EvaluateAsync<JsonElement>("""
            () => {
              const element = document.activeElement;
              if (!element || element === document.body) {
                return { tag: "none", style: "none", width: 0 };
              }
              const style = getComputedStyle(element);
              return { tag: element.tagName.toLowerCase() + (element.id ? "#" + element.id : ""), style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
            }
            """);
        var tag = focus.GetProperty("tag").GetString();
        Assert.True(tag != "none", $"Tab reaches no control on the {name} page.");
        Assert.True(
            focus.GetProperty("style").GetString() != "none" && focus.GetProperty("width").GetDouble() >= 2,
            $"The focused {tag} on the {name} page shows no focus ring (outline {focus.GetProperty("style").GetString()} {focus.GetProperty("width").GetDouble()} px).");
    }

    private static string Label(ColorScheme scheme) => scheme == ColorScheme.Dark ? "dark" : "light";
}
