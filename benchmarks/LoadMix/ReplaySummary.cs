namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// The replay check's count: every accepted sign-in finish posted once more. <see cref="Accepted"/> must be 0;
/// <see cref="RefusedAsUsed"/> are the expected <c>400 challenge-invalid</c> answers; anything else is listed.
/// </summary>
internal sealed record ReplaySummary(
    long Submitted,
    long Accepted,
    long RefusedAsUsed,
    long RetriedAfterUnavailable,
    long NeverAnswered,
    SortedDictionary<string, long> OtherAnswers);
