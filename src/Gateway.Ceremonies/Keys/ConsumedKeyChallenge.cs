namespace PasskeyGateway.Ceremonies.Keys;

/// <summary>A consumed challenge: the client data that answered it and the state it was issued with.</summary>
internal sealed record ConsumedKeyChallenge(KeyClientData ClientData, KeyChallengeState State);
