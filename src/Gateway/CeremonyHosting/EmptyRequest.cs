namespace PasskeyGateway.CeremonyHosting;

/// <summary>The body of an options request that takes nothing: <c>{}</c>.</summary>
internal sealed record EmptyRequest;
