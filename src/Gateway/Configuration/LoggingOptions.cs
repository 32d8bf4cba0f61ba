namespace PasskeyGateway.Configuration;

public sealed record LoggingOptions
{
    /// <summary><c>text</c> or <c>json</c>.</summary>
    public string Format { get; init; } = "text";
}
