namespace PasskeyGateway.Configuration;

public sealed record LoggingOptions
{
    public LogFormat Format { get; init; } = LogFormat.Text;
}
