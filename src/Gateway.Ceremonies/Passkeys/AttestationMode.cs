namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>How much the gateway asks of an authenticator's attestation (DESIGN.md §10, <c>Gateway:Passkeys:Attestation</c>).</summary>
public enum AttestationMode
{
    /// <summary>Conveyance "none": any authenticator; the statement's format is recorded.</summary>
    None,

    /// <summary>Conveyance "direct": every statement is verified and its trust recorded; valid untrusted ones are accepted.</summary>
    Verify,

    /// <summary>Conveyance "direct": only statements that chain to a metadata root are accepted.</summary>
    Require,
}
