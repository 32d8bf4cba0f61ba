namespace PasskeyGateway.IntegrationTests.Hardening.Properties;

/// <summary>A ceremony endpoint, the members its body has, and whether it needs the caller's session.</summary>
public sealed record CeremonyEndpoint(string Path, IReadOnlyList<string> Members, bool InSession)
{
    /// <summary>Members whose values are base64url bytes: generated as such more often than others.</summary>
    public static readonly IReadOnlySet<string> BinaryMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        "publicKey", "clientData", "signature", "deviceSignature", "rawId", "id", "clientDataJSON", "attestationObject",
        "authenticatorData", "userHandle",
    };

    public static readonly IReadOnlyList<CeremonyEndpoint> All =
    [
        new("/.auth/passkeys/registration/options", ["username", "displayName"], InSession: false),
        new("/.auth/passkeys/registration", ["id", "rawId", "type", "response", "clientExtensionResults", "authenticatorAttachment"], InSession: false),
        new("/.auth/passkeys/authentication/options", ["username"], InSession: false),
        new("/.auth/passkeys/authentication", ["id", "rawId", "type", "response", "clientExtensionResults", "authenticatorAttachment"], InSession: false),
        new("/.auth/devices/binding/options", [], InSession: true),
        new("/.auth/devices/binding", ["deviceKeyId", "publicKey", "algorithm", "signatureFormat", "name", "platform", "clientData", "signature"], InSession: true),
        new("/.auth/devices/verification/options", ["deviceId"], InSession: true),
        new("/.auth/devices/verification", ["deviceId", "clientData", "signature"], InSession: true),
        new("/.auth/biometrics/registration/options", [], InSession: true),
        new("/.auth/biometrics/registration", ["keyId", "publicKey", "algorithm", "signatureFormat", "deviceId", "clientData", "signature", "deviceSignature", "name"], InSession: true),
        new("/.auth/biometrics/authentication/options", ["username", "keyId"], InSession: false),
        new("/.auth/biometrics/authentication", ["keyId", "clientData", "signature", "deviceId", "deviceSignature"], InSession: false),
    ];

    /// <summary>The members of a passkey response object (<c>response</c>), for the WebAuthn endpoints.</summary>
    public static readonly IReadOnlyList<string> ResponseMembers = ["clientDataJSON", "attestationObject", "authenticatorData", "signature", "userHandle", "transports"];

    public override string ToString() => Path;
}
