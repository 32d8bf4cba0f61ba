namespace PasskeyGateway.Ceremonies.ClientKeys;

/// <summary>A consumed challenge: the client data that answered it, as read and as signed, and the state it was issued with.</summary>
internal sealed record ConsumedKeyChallenge(ClientData ClientData, KeyChallengeState State, SignedClientData Signed);
