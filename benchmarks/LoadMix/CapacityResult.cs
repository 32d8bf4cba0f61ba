namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>The closed-loop measurement: operations of the mix per second with <see cref="Connections"/> callers.</summary>
internal sealed record CapacityResult(
    double OperationsPerSecond,
    int Connections,
    double WarmupSeconds,
    double MeasuredSeconds,
    IReadOnlyList<ClassSummary> Classes);
