using PasskeyGateway.OpenApi;

namespace PasskeyGateway.Enrollment;

/// <summary>
/// The body of <c>POST {prefix}/enrollment</c>, named for the OpenAPI document: the endpoint reads it itself, so that
/// the credential's bytes reach the ceremony as the browser wrote them.
/// </summary>
/// <param name="Token">The link's token, from the enrollment URL's fragment.</param>
/// <param name="Credential">The new passkey's <c>PublicKeyCredential.toJSON()</c>.</param>
internal sealed record EnrollmentRequest(string Token, WebAuthnJson.RegistrationResponseJson Credential);
