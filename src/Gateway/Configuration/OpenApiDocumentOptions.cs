namespace PasskeyGateway.Configuration;

/// <summary>
/// <c>Gateway:OpenApi</c>: the OpenAPI 3.1 description of the gateway's own API at <c>{PathPrefix}/openapi.json</c>,
/// for the authors of mobile apps and single-page apps (DESIGN.md §11.4). On by default: it describes endpoints
/// every client can call anyway, and says nothing about routes, users or keys.
/// </summary>
public sealed record OpenApiDocumentOptions
{
    /// <summary>Off: the document is not generated and its path answers 404, like any path the gateway does not serve.</summary>
    public bool Enabled { get; init; } = true;
}
