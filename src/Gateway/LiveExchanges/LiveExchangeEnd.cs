namespace PasskeyGateway.LiveExchanges;

/// <summary>Why the gateway ended an open exchange: the <c>reason</c> of the metric and of the close frame.</summary>
internal enum LiveExchangeEnd
{
    /// <summary>Its token's session, credential, device or account was revoked, on this replica or another.</summary>
    Revoked,

    /// <summary>Its token's <c>exp</c> passed.</summary>
    Expired,
}
