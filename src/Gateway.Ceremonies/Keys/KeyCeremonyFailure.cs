namespace PasskeyGateway.Ceremonies.Keys;

/// <summary>A refused device or biometric-key ceremony: the error and a message for the problem's detail (never secret material).</summary>
public sealed record KeyCeremonyFailure(KeyCeremonyError Error, string Message);
