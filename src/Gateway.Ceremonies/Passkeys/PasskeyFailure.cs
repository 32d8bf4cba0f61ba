namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>A refused ceremony: the error and a message for logs and the problem's detail (never secret material).</summary>
public sealed record PasskeyFailure(PasskeyError Error, string Message);
