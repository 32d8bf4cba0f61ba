namespace PasskeyGateway.Ceremonies;

/// <summary>
/// The gateway session a ceremony runs in: the user (<c>sub</c>) and session (<c>sid</c>) of a self-issued token.
/// Binding a device, verifying one and registering a biometric key need one; their challenges are bound to it.
/// </summary>
public sealed record CeremonySession(string UserId, string SessionId);
