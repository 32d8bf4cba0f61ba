namespace PasskeyGateway.OpenApi;

/// <summary>
/// Names, for the OpenAPI document only, the WebAuthn Level 3 JSON forms the passkey and enrollment endpoints speak:
/// the options they answer (what <c>PublicKeyCredential.parseCreationOptionsFromJSON</c> and
/// <c>parseRequestOptionsFromJSON</c> take) and the credentials they read (what <c>PublicKeyCredential.toJSON()</c>
/// gives). Fido2 writes and reads these documents; its own classes are not used to describe them, because their
/// schemas would not be the wire format (binary members as base64 rather than base64url, members Fido2 adds of its
/// own). <see cref="WebAuthnSchemaTransformer"/> describes each from the specification.
/// </summary>
internal static class WebAuthnJson
{
    /// <summary>WebAuthn L3 §5.4: <c>PublicKeyCredentialCreationOptionsJSON</c>.</summary>
    internal sealed class PublicKeyCredentialCreationOptionsJson;

    /// <summary>WebAuthn L3 §5.5: <c>PublicKeyCredentialRequestOptionsJSON</c>.</summary>
    internal sealed class PublicKeyCredentialRequestOptionsJson;

    /// <summary>WebAuthn L3 §5.1: <c>RegistrationResponseJSON</c>, the <c>toJSON()</c> of a created credential.</summary>
    internal sealed class RegistrationResponseJson;

    /// <summary>WebAuthn L3 §5.1: <c>AuthenticationResponseJSON</c>, the <c>toJSON()</c> of an assertion.</summary>
    internal sealed class AuthenticationResponseJson;
}
