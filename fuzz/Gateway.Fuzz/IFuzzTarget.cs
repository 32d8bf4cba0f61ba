namespace PasskeyGateway.Fuzz;

/// <summary>
/// One entry point of the gateway that reads client input. <see cref="Run"/> calls what the product calls, with the
/// product's own guards around it, and lets escape exactly what the product would let escape: an exception out of
/// <see cref="Run"/> is an answer the gateway would turn into a 500, so AFL++ records it as a crash.
/// </summary>
internal interface IFuzzTarget
{
    string Name { get; }

    void Run(ReadOnlySpan<byte> input);

    /// <summary>Starting inputs derived from real ceremonies, for the corpus under <c>fuzz/corpus/&lt;target&gt;</c>.</summary>
    IEnumerable<FuzzSeed> Seeds();
}
