using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PasskeyGateway.OpenApi;

/// <summary>
/// The schemas of <see cref="WebAuthnJson"/>'s documents, from the WebAuthn Level 3 definitions (§5.1, §5.4, §5.5):
/// the members a client sends or gets, binary ones as base64url. Members the specification adds later, or
/// extensions, are allowed: a browser's <c>toJSON()</c> is sent as it is.
/// </summary>
internal sealed class WebAuthnSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly Uri Specification = new("https://www.w3.org/TR/webauthn-3/");

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(WebAuthnJson.PublicKeyCredentialCreationOptionsJson))
        {
            Describe(schema, "PublicKeyCredentialCreationOptionsJSON: pass it to PublicKeyCredential.parseCreationOptionsFromJSON(), then to navigator.credentials.create({ publicKey }).", ["rp", "user", "challenge", "pubKeyCredParams"], new()
            {
                ["rp"] = Object(["name"], new() { ["id"] = String(), ["name"] = String() }),
                ["user"] = Object(["id", "name", "displayName"], new() { ["id"] = Base64Url("The account's user handle."), ["name"] = String(), ["displayName"] = String() }),
                ["challenge"] = Base64Url(),
                ["pubKeyCredParams"] = Array(Object(["type", "alg"], new() { ["type"] = String(), ["alg"] = Integer("A COSE algorithm identifier.") })),
                ["timeout"] = Integer("Milliseconds."),
                ["excludeCredentials"] = Array(CredentialDescriptor(), "The passkeys the account has already: an authenticator holding one makes no second."),
                ["authenticatorSelection"] = Object([], new()
                {
                    ["authenticatorAttachment"] = String(),
                    ["residentKey"] = String(),
                    ["requireResidentKey"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
                    ["userVerification"] = String(),
                }),
                ["hints"] = Array(String()),
                ["attestation"] = String(),
                ["attestationFormats"] = Array(String()),
                ["extensions"] = Object([], []),
            });
        }
        else if (type == typeof(WebAuthnJson.PublicKeyCredentialRequestOptionsJson))
        {
            Describe(schema, "PublicKeyCredentialRequestOptionsJSON: pass it to PublicKeyCredential.parseRequestOptionsFromJSON(), then to navigator.credentials.get({ publicKey }).", ["challenge"], new()
            {
                ["challenge"] = Base64Url(),
                ["timeout"] = Integer("Milliseconds."),
                ["rpId"] = String(),
                ["allowCredentials"] = Array(CredentialDescriptor()),
                ["userVerification"] = String(),
                ["hints"] = Array(String()),
                ["extensions"] = Object([], []),
            });
        }
        else if (type == typeof(WebAuthnJson.RegistrationResponseJson))
        {
            Describe(schema, "RegistrationResponseJSON: what PublicKeyCredential.toJSON() gives for a created credential, sent as it is.", ["id", "rawId", "response", "clientExtensionResults", "type"], Credential(
                Object(["clientDataJSON", "attestationObject"], new()
                {
                    ["clientDataJSON"] = Base64Url(),
                    ["authenticatorData"] = Base64Url(),
                    ["transports"] = Array(String()),
                    ["publicKey"] = Base64Url(),
                    ["publicKeyAlgorithm"] = Integer("A COSE algorithm identifier."),
                    ["attestationObject"] = Base64Url(),
                })));
        }
        else if (type == typeof(WebAuthnJson.AuthenticationResponseJson))
        {
            Describe(schema, "AuthenticationResponseJSON: what PublicKeyCredential.toJSON() gives for an assertion, sent as it is.", ["id", "rawId", "response", "clientExtensionResults", "type"], Credential(
                Object(["clientDataJSON", "authenticatorData", "signature"], new()
                {
                    ["clientDataJSON"] = Base64Url(),
                    ["authenticatorData"] = Base64Url(),
                    ["signature"] = Base64Url(),
                    ["userHandle"] = Base64Url(),
                })));
        }

        return Task.CompletedTask;
    }

    private static void Describe(OpenApiSchema schema, string description, HashSet<string> required, Dictionary<string, IOpenApiSchema> properties)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Description = description;
        schema.ExternalDocs = new OpenApiExternalDocs { Description = "Web Authentication Level 3", Url = Specification };
        schema.Required = required;
        schema.Properties = properties;
    }

    /// <summary>The members of a <c>PublicKeyCredential</c>'s JSON around its <paramref name="response"/>.</summary>
    private static Dictionary<string, IOpenApiSchema> Credential(OpenApiSchema response) => new()
    {
        ["id"] = Base64Url("The credential id."),
        ["rawId"] = Base64Url("The credential id, again."),
        ["response"] = response,
        ["authenticatorAttachment"] = String(),
        ["clientExtensionResults"] = Object([], []),
        ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Const = "public-key" },
    };

    private static OpenApiSchema CredentialDescriptor() => Object(["id", "type"], new()
    {
        ["id"] = Base64Url("A credential id."),
        ["type"] = String(),
        ["transports"] = Array(String()),
    });

    private static OpenApiSchema Object(HashSet<string> required, Dictionary<string, IOpenApiSchema> properties) =>
        new() { Type = JsonSchemaType.Object, Required = required, Properties = properties };

    private static OpenApiSchema Array(OpenApiSchema items, string? description = null) =>
        new() { Type = JsonSchemaType.Array, Items = items, Description = description };

    private static OpenApiSchema String() => new() { Type = JsonSchemaType.String };

    private static OpenApiSchema Integer(string description) => new() { Type = JsonSchemaType.Integer, Description = description };

    private static OpenApiSchema Base64Url(string? description = null) => new()
    {
        Type = JsonSchemaType.String,
        Pattern = "^[A-Za-z0-9_-]*$",
        Description = description is null ? "base64url, without padding." : description + " base64url, without padding.",
    };
}
