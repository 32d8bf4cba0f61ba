namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// How one operation of the mix ended: success, or a short low-cardinality reason ("503 challenge-store-unavailable",
/// "finish 400 challenge-invalid", "timeout"). Never a body, token or challenge.
/// </summary>
internal readonly record struct Outcome(string? Error, bool ClientSide = false)
{
    public static readonly Outcome Success = new(null);

    /// <summary>Every authenticator was busy in another sign-in: the generator's limit, not an answer of the gateway.</summary>
    public static readonly Outcome NoFreeUser = new("no free authenticator (load generator)", ClientSide: true);

    public bool Succeeded => Error is null;

    public static Outcome Failed(string reason) => new(reason);
}
