using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using PasskeyGateway.Problems;
using PasskeyGateway.Security;

namespace PasskeyGateway.OpenApi;

/// <summary>
/// Writes the problems an operation can answer with into its responses: one response per status, of
/// <c>application/problem+json</c>, its codes listed in the description, as the schema's <c>code</c> values and in
/// <c>x-problem-codes</c>. The endpoint's own <see cref="ProblemsMetadata"/> names most of them; those that follow
/// from what the endpoint is are added here, so no endpoint has to repeat them: the authentication failures and the
/// security requirement of an endpoint that needs an identity (with the sign-in redirect an HTML navigation gets, and
/// <c>forbidden</c> and the step-up codes under a named policy), and the CSRF refusal of every unsafe method.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var method = context.Description.HttpMethod ?? "";

        // The fallback policy is "authenticated": an endpoint that does not allow anonymous callers needs an identity.
        var requiresIdentity = !metadata.OfType<IAllowAnonymous>().Any();
        var problems = metadata.OfType<ProblemsMetadata>().SelectMany(m => m.Problems).ToList();
        if (requiresIdentity)
        {
            problems.AddRange(ProblemSets.Authentication);
            // A named policy's conditions are the configuration's: any of them may refuse, or ask for a step-up.
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null))
            {
                problems.AddRange([ProblemCatalog.Forbidden, ProblemCatalog.ReauthenticationRequired, ProblemCatalog.AuthMethodNotAllowed]);
            }

            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            {
                operation.Responses ??= [];
                operation.Responses["302"] = new OpenApiResponse
                {
                    Description = "An HTML navigation (Accept: text/html) without an identity is sent to the sign-in page, and back here after it.",
                };
            }
        }

        if (CsrfRule.IsUnsafe(method))
        {
            problems.Add(ProblemCatalog.CsrfOriginMismatch);
        }

        // An anonymous endpoint that answers authentication-required (a ceremony in the caller's session) takes one too.
        if (requiresIdentity || problems.Contains(ProblemCatalog.AuthenticationRequired))
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(GatewayOpenApi.BearerScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(GatewayOpenApi.CookieScheme, context.Document)] = [] },
            ];
        }

        foreach (var status in problems.Distinct().GroupBy(p => p.Status).OrderBy(g => g.Key))
        {
            operation.Responses ??= [];
            operation.Responses[status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Response([.. status], context.Document);
        }

        return Task.CompletedTask;
    }

    private static OpenApiResponse Response(IReadOnlyList<GatewayProblem> problems, OpenApiDocument? document) => new()
    {
        Description = ReasonPhrases.GetReasonPhrase(problems[0].Status) + ":\n"
            + string.Join("\n", problems.Select(p => $"- `{p.Code}`: {p.Title}")),
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemWriter.ContentType] = new()
            {
                Schema = new OpenApiSchema
                {
                    AllOf =
                    [
                        new OpenApiSchemaReference(GatewayOpenApi.ProblemSchema, document),
                        new OpenApiSchema
                        {
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. problems.Select(p => (JsonNode)JsonValue.Create(p.Code))] },
                            },
                        },
                    ],
                },
            },
        },
        Extensions = new Dictionary<string, IOpenApiExtension>
        {
            [GatewayOpenApi.ProblemCodesExtension] = new JsonNodeExtension(new JsonArray([.. problems.Select(p => (JsonNode)JsonValue.Create(p.Code))])),
        },
    };
}
