namespace PasskeyGateway.Ceremonies;

/// <summary>A refused ceremony: the error and a message for logs and the problem's detail (never secret material).</summary>
public sealed record CeremonyFailure(CeremonyError Error, string Message)
{
    /// <summary>The account the refused attempt was against, once the ceremony knew it (for its failure limit).</summary>
    public string? UserId { get; init; }
}
