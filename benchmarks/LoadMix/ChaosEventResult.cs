namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// One fault and what the load saw: the proxied routes over the whole stretch, sign-ins by outcome during the outage
/// and after it (and how long those during it waited for their answer), and the recovery time — from the fault's end
/// to the first successful sign-in that was started after it (null: none within the stretch, or no fault). Offsets
/// in seconds from the run's start.
/// </summary>
internal sealed record ChaosEventResult(
    string Name,
    string Fault,
    double StartSeconds,
    double FaultEndSeconds,
    double EndSeconds,
    ClassSummary Jwt,
    ClassSummary Anonymous,
    SortedDictionary<string, long> SignInsDuringOutage,
    ClassSummary SignInsDuringOutageLatency,
    SortedDictionary<string, long> SignInsAfterOutage,
    double? RecoverySeconds,
    double? LastSignInFailureAfterFaultEndSeconds);
