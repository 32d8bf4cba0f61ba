namespace PasskeyGateway.Ceremonies.Keys;

/// <summary>A refused device or biometric-key ceremony: the error and a message for the problem's detail (never secret material).</summary>
public sealed record KeyCeremonyFailure(KeyCeremonyError Error, string Message)
{
    /// <summary>The account the refused attempt was against, once the ceremony knew it (for its failure limit).</summary>
    public string? UserId { get; init; }
}
