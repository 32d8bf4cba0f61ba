namespace PasskeyGateway.Configuration;

/// <summary><c>Gateway:Revocations</c> (DESIGN.md §11.5, §11.6): how replicas agree that a revocation holds.</summary>
public sealed record RevocationOptions
{
    /// <summary>How long a revoking request waits for every live replica to acknowledge the revocation before it answers anyway.</summary>
    public TimeSpan AcknowledgementTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// With Redis: how long a replica may go without hearing Redis or reading the store's revocations before it
    /// answers authenticated requests <c>503 revocations-stale</c>.
    /// </summary>
    public TimeSpan MaxStaleness { get; init; } = TimeSpan.FromSeconds(60);
}
