namespace PasskeyGateway.Configuration;

/// <summary>One finding about the configuration, located by its JSON path (<c>Gateway.Tokens.Lifetime</c>).</summary>
public sealed record ConfigProblem(ConfigProblemSeverity Severity, string Path, string Message)
{
    public static ConfigProblem Error(string path, string message) => new(ConfigProblemSeverity.Error, path, message);

    public static ConfigProblem Warning(string path, string message) => new(ConfigProblemSeverity.Warning, path, message);

    public override string ToString() =>
        $"{(Severity == ConfigProblemSeverity.Error ? "error" : "warning")}: {Path}: {Message}";
}
