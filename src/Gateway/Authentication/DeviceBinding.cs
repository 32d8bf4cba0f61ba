namespace PasskeyGateway.Authentication;

/// <summary>
/// What a self-issued token's <c>device_id</c> names, as the credential store answered when the token was validated.
/// A <c>device_id</c> is only a claim: the gateway's signing key can mint any (<c>gateway token issue --claim</c>), so a
/// KnownDevice policy asks this, never the claim alone.
/// </summary>
internal enum DeviceBinding
{
    /// <summary>The token names no device.</summary>
    None,

    /// <summary>A device bound to the token's <c>sub</c> and not revoked.</summary>
    Bound,

    /// <summary>A device that does not exist, was revoked (or removed with its account), or is another user's.</summary>
    NotBound,

    /// <summary>The credential store could not be asked: neither answer is known, so nothing may rely on one.</summary>
    Unchecked,
}
