using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PasskeyGateway.OpenApi;

/// <summary>
/// The document as JSON, generated once: the endpoints and the settings it is made from (path prefix, public origin,
/// cookie name) are fixed until the next start, and Microsoft.AspNetCore.OpenApi builds the whole document again on
/// every call. It is built outside any request, so nothing of a request (its Host header) ends up in it: the server
/// named is <c>Gateway:PublicOrigin</c>.
/// </summary>
internal sealed class OpenApiDocumentCache([FromKeyedServices(GatewayOpenApi.DocumentName)] IOpenApiDocumentProvider provider)
{
    private readonly Lazy<Task<byte[]>> _json = new(() => SerializeAsync(provider));

    public Task<byte[]> GetJsonAsync() => _json.Value;

    private static async Task<byte[]> SerializeAsync(IOpenApiDocumentProvider provider)
    {
        // Not the first caller's token: the document is everyone's, and a caller that goes away must not spoil it.
        var document = await provider.GetOpenApiDocumentAsync(CancellationToken.None);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
