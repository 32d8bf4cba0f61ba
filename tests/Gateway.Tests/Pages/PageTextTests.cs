using System.Text.Json;
using System.Text.RegularExpressions;
using PasskeyGateway.Login;
using PasskeyGateway.Pages;
using PasskeyGateway.Problems;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Tests.Pages;

/// <summary>
/// The one resource file of page strings against its readers: every key a page or login.js asks for exists (read from
/// their source, so a new page's typo fails here rather than in front of a person), and every page renders.
/// </summary>
public sealed partial class PageTextTests
{
    [Fact]
    public void EveryKeyTheServerPagesAskFor_Exists()
    {
        var asked = Directory.EnumerateFiles(RepositoryRoot.Combine("src", "Gateway"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => ServerKey().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: m.Groups["key"].Value)))
            .ToList();

        Assert.NotEmpty(asked);
        Assert.Empty(asked.Where(a => !PageText.Keys.Contains(a.Key)).Select(a => $"{a.File}: {a.Key}"));
    }

    [Fact]
    public void EveryKeyLoginJsAsksFor_IsInItsDataBlock()
    {
        var script = File.ReadAllText(RepositoryRoot.Combine("src", "Gateway", "Login", "Assets", "login.js"));
        var asked = ScriptKey().Matches(script).Select(m => m.Groups["key"].Value).Distinct().ToList();
        var data = ScriptTexts(LoginPage.Render("/.auth", "/", new PageBranding(new()), openRegistration: true));

        Assert.Contains("signedIn", asked);
        Assert.All(asked, key => Assert.True(data.ContainsKey(key), $"login.js asks for '{key}', which is not under '{LoginPage.ScriptTextPrefix}' in page-text.json."));
        Assert.Equal("That username is taken. Pick another one, or sign in if it is yours.", data["problem.username-taken"]);
    }

    [Fact]
    public void TheEnrollmentPage_GivesLoginJsTheSameTexts()
    {
        var signIn = ScriptTexts(LoginPage.Render("/.auth", "/", new PageBranding(new()), openRegistration: false));
        var enroll = ScriptTexts(LoginPage.RenderEnrollment("/.auth", new PageBranding(new())));

        Assert.Equal(signIn, enroll);
    }

    [Fact]
    public void EveryProblemCode_HasAPageWithATitleInWords()
    {
        foreach (var problem in ProblemCatalog.ByCode.Values)
        {
            var html = ProblemPage.Render("/.auth", new PageBranding(new()), problem, new ProblemPageContext("/app", ["role-missing", "no-such-reason"], 5, "ada"));

            var title = Regex.Match(html, "<h1>(?<title>[^<]+)</h1>").Groups["title"].Value;
            Assert.False(string.IsNullOrWhiteSpace(title), problem.Code);
            Assert.NotEqual(problem.Code, title);
        }
    }

    private static Dictionary<string, string> ScriptTexts(string html)
    {
        var json = Regex.Match(html, "<script type=\"application/json\" id=\"page-text\">(?<json>.*?)</script>", RegexOptions.Singleline).Groups["json"].Value;
        return JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
    }

    [GeneratedRegex("""(?:PageText\.(?:Get|Format|TryGet)|(?<![.\w])Text)\("(?<key>[a-zA-Z0-9.-]+)"[,)]""")]
    private static partial Regex ServerKey();

    [GeneratedRegex("""\b(?:text|format)\("(?<key>[a-zA-Z0-9.-]+)"[,)]""")]
    private static partial Regex ScriptKey();
}
