namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// One stretch of the chaos run, as offsets from the run's start: the fault began at <see cref="Start"/>, its cause
/// was gone at <see cref="FaultEnd"/> (the pause over, Redis or PostgreSQL accepting connections again), and the
/// stretch lasts until the next fault began (<see cref="End"/>). The baseline has no fault: its FaultEnd is its Start.
/// </summary>
internal sealed record ChaosPhase(string Name, string Fault, TimeSpan Start, TimeSpan FaultEnd, TimeSpan End);
