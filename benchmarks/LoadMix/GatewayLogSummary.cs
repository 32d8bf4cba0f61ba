namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>What the gateway logged during the run: entries per level, its error entries by category and event id.</summary>
internal sealed record GatewayLogSummary(
    IReadOnlyDictionary<string, long> EntriesByLevel,
    IReadOnlyDictionary<string, long> ErrorEntries,
    string File);
