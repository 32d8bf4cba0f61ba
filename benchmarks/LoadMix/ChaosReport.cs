namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>The chaos run's result, written as markdown and JSON.</summary>
internal sealed record ChaosReport(
    MachineInfo Machine,
    string Store,
    string Mix,
    CapacityResult? Capacity,
    double TargetRate,
    string RateSource,
    double OutageSeconds,
    double RunSeconds,
    double AchievedRate,
    IReadOnlyDictionary<string, long> Dropped,
    ChaosEventResult Baseline,
    IReadOnlyList<ChaosEventResult> Events,
    IReadOnlyList<ClassSummary> Classes,
    ReplaySummary Replays,
    double RssStartMiB,
    double RssEndMiB,
    double RssPeakMiB,
    GatewayLogSummary GatewayLog,
    string Timeline,
    string LoadAverageAtEnd,
    IReadOnlyList<string> Findings);
