namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>How long a revoking request waits for the other replicas, and when a replica no longer trusts what it holds (DESIGN.md §11.5, §11.6).</summary>
public sealed record RevocationSettings
{
    /// <summary>How long a revoking request waits for every live replica to acknowledge; past it, it answers anyway.</summary>
    public TimeSpan AcknowledgementTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// With Redis configured: how long a replica may go without hearing Redis or reading the repository's revocations
    /// before it answers authenticated requests <c>503</c> (it may have missed a revocation).
    /// </summary>
    public TimeSpan MaxStaleness { get; init; } = TimeSpan.FromSeconds(60);
}
