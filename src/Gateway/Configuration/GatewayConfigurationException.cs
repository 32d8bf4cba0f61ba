namespace PasskeyGateway.Configuration;

/// <summary>The configuration cannot be used; <see cref="Problems"/> lists every reason at once.</summary>
public sealed class GatewayConfigurationException : Exception
{
    public GatewayConfigurationException(IReadOnlyList<ConfigProblem> problems)
        : base(FormatMessage(problems))
    {
        Problems = problems;
    }

    public GatewayConfigurationException()
        : this([])
    {
    }

    public GatewayConfigurationException(string message)
        : base(message)
    {
        Problems = [ConfigProblem.Error("(config)", message)];
    }

    public GatewayConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [ConfigProblem.Error("(config)", message)];
    }

    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static string FormatMessage(IReadOnlyList<ConfigProblem> problems) =>
        "The gateway configuration is invalid:" + Environment.NewLine
        + string.Join(Environment.NewLine, problems.Where(p => p.Severity == ConfigProblemSeverity.Error).Select(p => "  " + p));
}
