using PasskeyGateway.Configuration;

namespace PasskeyGateway.OpenApi;

/// <summary><c>GET {prefix}/openapi.json</c>: the OpenAPI 3.1 document of the gateway's own API, anonymous.</summary>
internal static class OpenApiDocumentEndpoints
{
    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder endpoints, GatewayOptions options)
    {
        if (!options.OpenApi.Enabled)
        {
            return endpoints;
        }

        endpoints.MapGet(options.PathPrefix + GatewayOpenApi.Path, async (HttpContext context, OpenApiDocumentCache document) =>
        {
            // It changes only with a new start of the gateway; it is the same for every caller.
            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Bytes(await document.GetJsonAsync(), "application/json");
        })
            .AllowAnonymous()
            .WithName("getOpenApiDocument")
            .WithTags("Discovery")
            .WithSummary("This document: the gateway's own API, OpenAPI 3.1.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return endpoints;
    }
}
