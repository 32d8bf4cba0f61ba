using System.Net.Mime;

namespace PasskeyGateway.OpenApi;

internal static class RequestBodyRouteHandlerBuilderExtensions
{
    /// <summary>Documents the JSON body of type <typeparamref name="T"/> the endpoint reads itself (<see cref="RequestBodyMetadata"/>).</summary>
    public static RouteHandlerBuilder ReadsJson<T>(this RouteHandlerBuilder builder, bool isOptional = false, params IEnumerable<string> otherContentTypes) =>
        builder.WithMetadata(new RequestBodyMetadata(typeof(T), isOptional, [MediaTypeNames.Application.Json, .. otherContentTypes]));
}
