namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>One minute of the soak (the last one may be shorter): rate, errors, p99 per class, the gateway's memory at its end.</summary>
internal sealed record SoakMinute(
    int Minute,
    double Seconds,
    double OperationsPerSecond,
    long Errors,
    double JwtP99Ms,
    double AnonymousP99Ms,
    double SignInP99Ms,
    double RssMiB);
