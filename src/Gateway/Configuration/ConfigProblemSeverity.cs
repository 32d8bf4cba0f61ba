namespace PasskeyGateway.Configuration;

public enum ConfigProblemSeverity
{
    Warning,
    Error,
}
