namespace PasskeyGateway.Configuration;

public sealed record LimitsOptions
{
    public long MaxCeremonyBodyBytes { get; init; } = 65536;
}
