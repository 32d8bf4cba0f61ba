namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>The soak's result, written as markdown and JSON.</summary>
internal sealed record SoakReport(
    MachineInfo Machine,
    string Store,
    string Mix,
    CapacityResult? Capacity,
    double TargetRate,
    string RateSource,
    double PlannedMinutes,
    double RunSeconds,
    double AchievedRate,
    long Scheduled,
    IReadOnlyDictionary<string, long> Dropped,
    IReadOnlyList<ClassSummary> Classes,
    IReadOnlyList<SoakMinute> Minutes,
    double RssStartMiB,
    double RssEndMiB,
    double RssPeakMiB,
    ReplaySummary? Replays,
    GatewayLogSummary GatewayLog,
    string LoadAverageAtEnd,
    IReadOnlyList<string> Findings);
