using System.Text;
using System.Text.Json;

namespace PasskeyGateway.Testing;

/// <summary>
/// The repository's Dockerfile as stages of instructions, for tests that check it and run its build stage without a
/// Docker engine (ENVIRONMENT.md: there is none here). Reads what the file uses: comments, line continuations,
/// <c>--flag</c> options, <c>KEY=value</c> pairs and the exec (JSON) form.
/// </summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerfileStage> stages) => Stages = stages;

    public IReadOnlyList<DockerfileStage> Stages { get; }

    public DockerfileStage Final => Stages[^1];

    public static string PathInRepository => RepositoryRoot.Combine("Dockerfile");

    public static Dockerfile Load() => Parse(File.ReadAllLines(PathInRepository));

    public static Dockerfile Parse(IEnumerable<string> lines)
    {
        var stages = new List<DockerfileStage>();
        var pending = new StringBuilder();
        foreach (var raw in lines)
        {
            // Comment lines are dropped even inside a continuation, as Docker does.
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line.AsSpan(0, line.Length - 1)).Append(' ');
                continue;
            }

            var text = pending.Append(line).ToString();
            pending.Clear();
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                throw new FormatException($"'{text}' has no arguments.");
            }

            var instruction = new DockerInstruction(text[..space].ToUpperInvariant(), text[(space + 1)..].Trim());
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Operands;
                stages.Add(new DockerfileStage(words[0], words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null));
            }
            else if (stages.Count == 0)
            {
                throw new FormatException($"'{text}' comes before the first FROM.");
            }
            else
            {
                stages[^1].Instructions.Add(instruction);
            }
        }

        return new Dockerfile(stages);
    }

    public DockerfileStage Stage(string name) => Stages.Single(s => s.Name == name);
}

public sealed record DockerfileStage(string Image, string? Name)
{
    public List<DockerInstruction> Instructions { get; } = [];

    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    /// <summary>Every <c>ENV KEY=value</c> of the stage, the last one winning.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        All("ENV").SelectMany(i => i.Words).Select(w => w.Split('=', 2)).ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : "", StringComparer.Ordinal);
}

public sealed record DockerInstruction(string Keyword, string Arguments)
{
    /// <summary>The arguments split on blanks, double-quoted parts kept together (without their quotes).</summary>
    public IReadOnlyList<string> Words { get; } = Split(Arguments);

    /// <summary>Leading <c>--name=value</c> options (<c>COPY --from=build</c>, <c>RUN --mount=…</c>).</summary>
    public IReadOnlyList<string> Flags => [.. Words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal))];

    public IReadOnlyList<string> Operands => [.. Words.SkipWhile(w => w.StartsWith("--", StringComparison.Ordinal))];

    /// <summary>The exec form (<c>["dotnet", "gateway.dll"]</c>), or null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm => Arguments.StartsWith('[') ? JsonSerializer.Deserialize<string[]>(Arguments) : null;

    private static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
