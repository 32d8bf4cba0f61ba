namespace PasskeyGateway.Configuration;

public sealed record MetricsOptions
{
    /// <summary>When set, <c>/metrics</c> is served only on this port.</summary>
    public int? Port { get; init; }
}
