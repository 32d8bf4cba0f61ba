namespace PasskeyGateway.OpenApi;

/// <summary>
/// Endpoint metadata for the OpenAPI document: the body an endpoint reads itself (its handler takes the
/// <c>HttpContext</c> and reads within the gateway's size limit), which the generator cannot see. Deliberately not
/// <c>IAcceptsMetadata</c> (what <c>.Accepts&lt;T&gt;()</c> adds): routing matches that against the request's
/// Content-Type, and a request of another type would then miss the endpoint — a 404 from the catch-all route
/// instead of the endpoint's own 415 <c>unsupported-media-type</c>.
/// </summary>
internal sealed record RequestBodyMetadata(Type Type, bool IsOptional, IReadOnlyList<string> ContentTypes);
