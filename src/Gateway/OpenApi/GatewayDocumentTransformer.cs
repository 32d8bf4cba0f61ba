using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.OpenApi;

/// <summary>
/// What the document says as a whole: its title, the public origin as its one server (not the Host header of whichever
/// request came first), the two ways to present an identity, and the shape of every problem answer.
/// </summary>
internal sealed class GatewayDocumentTransformer(GatewayOptions options) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "PasskeyGateway",
            Version = "1",
            Description = "The gateway's own API: passkey, device and biometric-key ceremonies, the signed-in user's account, "
                + "the admin API and the documents for token verifiers. Binary fields are base64url without padding. Every "
                + "error is RFC 9457 application/problem+json whose `code` is a stable problem code (listed per response "
                + "and in `x-problem-codes`); the same code ends its `type` URL.",
        };
        document.Servers = [new OpenApiServer { Url = options.PublicOrigin!.GetLeftPart(UriPartial.Authority) }];

        var components = document.Components ??= new OpenApiComponents();
        components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        components.SecuritySchemes[GatewayOpenApi.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token of a sign-in answer, or an access token of a configured external issuer.",
        };
        components.SecuritySchemes[GatewayOpenApi.CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = options.Session.CookieName,
            Description = "The session cookie every sign-in sets (HttpOnly: for browsers, not for scripts).",
        };

        components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        components.Schemas[GatewayOpenApi.ProblemSchema] = ProblemSchema();
        return Task.CompletedTask;
    }

    /// <summary>The members <c>ProblemWriter</c> writes.</summary>
    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details.",
        Required = new HashSet<string> { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "{PublicOrigin}{PathPrefix}/problems/{code}: the problem described in words." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The stable problem code clients match on." },
            ["reasons"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.String },
                Description = "For forbidden and a step-up (reauthentication-required, auth-method-not-allowed): the conditions of the policy that failed.",
            },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
        },
    };
}
