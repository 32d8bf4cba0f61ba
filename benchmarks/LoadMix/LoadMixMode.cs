namespace PasskeyGateway.Benchmarks.LoadMix;

internal enum LoadMixMode
{
    /// <summary>Capacity, then a long open-loop run at a share of it: errors, latency and memory over time.</summary>
    Soak,

    /// <summary>Redis paused, Redis killed and restarted empty, PostgreSQL restarted, all under a steady open-loop load.</summary>
    Chaos,
}
