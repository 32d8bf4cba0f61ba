using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PasskeyGateway.OpenApi;

/// <summary>
/// The request body of an operation whose endpoint reads it itself, from its <see cref="RequestBodyMetadata"/>. Its
/// schema becomes a component named after the type, like the generator's own request and response types, so client
/// generators give it a name.
/// </summary>
internal sealed class RequestBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyMetadata>().LastOrDefault() is not { } body)
        {
            return;
        }

        var document = context.Document!;
        var schemas = (document.Components ??= new OpenApiComponents()).Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!schemas.ContainsKey(body.Type.Name))
        {
            schemas[body.Type.Name] = await context.GetOrCreateSchemaAsync(body.Type, parameterDescription: null, cancellationToken);
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = !body.IsOptional,
            Content = body.ContentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = new OpenApiSchemaReference(body.Type.Name, document) }),
        };
    }
}
