namespace PasskeyGateway.Benchmarks.RevocationLatency;

/// <param name="LateAcknowledgements">By replica count: the revocations logged as not acknowledged by every other live replica in time.</param>
internal sealed record RevocationLatencyReport(
    MachineInfo Machine,
    string LoadAverageAtEnd,
    string PostgresVersion,
    IReadOnlyList<LogoutLatencies> Passes,
    IReadOnlyDictionary<int, long> LateAcknowledgements);
