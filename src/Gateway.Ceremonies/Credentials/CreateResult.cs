namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>The outcome of adding a user or a credential. Expected refusals are results, not exceptions.</summary>
public enum CreateResult
{
    Created,

    /// <summary>
    /// Something that must be unique is taken: the username (after normalization), the credential id, the device key
    /// id among the user's active devices, or the biometric key id. (Gateway-assigned random ids never collide in practice.)
    /// </summary>
    Conflict,

    /// <summary>The biometric key names a device that is not an active device of the same user.</summary>
    DeviceNotActive,
}
