using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using PasskeyGateway.Ceremonies.Json;
using PasskeyGateway.Problems;

namespace PasskeyGateway.CeremonyHosting;

/// <summary>
/// Reads a ceremony's JSON body within <c>Gateway:Limits:MaxCeremonyBodyBytes</c>. Only <c>application/json</c> is
/// taken: an HTML form cannot send it across origins without a CORS preflight, which keeps cookie-carrying
/// cross-site requests out of the ceremonies.
/// </summary>
internal static class CeremonyRequest
{
    public static async Task<(byte[]? Body, GatewayProblem? Problem)> ReadJsonBodyAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ProblemCatalog.UnsupportedMediaType);
        }

        if (request.ContentLength > limit)
        {
            return (null, ProblemCatalog.BodyTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, ProblemCatalog.BodyTooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's framing errors (a chunk size that is not hex, a body cut short) and the size limit: the
            // client's request, not the gateway, is at fault.
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? ProblemCatalog.BodyTooLarge : ProblemCatalog.InvalidRequest);
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Kestrel reports a chunk size too large for a number as an IOException ("Bad chunk size data").
            return (null, ProblemCatalog.InvalidRequest);
        }

        return buffer.Length == 0 ? (null, ProblemCatalog.InvalidRequest) : (buffer.ToArray(), null);
    }

    /// <summary>The body as <typeparamref name="T"/>; <c>null</c> when it is not that JSON (the caller answers invalid-request).</summary>
    public static T? Deserialize<T>(byte[] body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (!JsonInput.IsWellFormed(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
