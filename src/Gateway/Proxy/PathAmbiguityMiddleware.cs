using PasskeyGateway.Problems;
using Yarp.ReverseProxy.Model;

namespace PasskeyGateway.Proxy;

/// <summary>
/// Refuses, before anything else reads it, a request for a proxied route whose path a backend could read as another
/// path than the one the gateway authorized (<see cref="PathAmbiguity"/>): 400 <c>path-ambiguous</c>. A route whose
/// backend needs such paths opts out with the metadata <c>"Gateway.PathCheck": "off"</c>. The gateway's own endpoints
/// read their paths themselves and are not checked.
/// </summary>
internal sealed partial class PathAmbiguityMiddleware(RequestDelegate next, ProblemWriter problems, ILogger<PathAmbiguityMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not { } route
            || RouteMetadataKeys.IsOff(route.Config.Metadata, RouteMetadataKeys.PathCheck)
            || PathAmbiguity.Find(context.Request.Path.Value ?? "") is not { } reason)
        {
            return next(context);
        }

        Log.Refused(logger, route.Config.RouteId, reason);
        return problems.WriteAsync(context, ProblemCatalog.PathAmbiguous, PathAmbiguity.Detail(reason));
    }

    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Debug, "Refused an ambiguous path on route {Route}: {Reason}.")]
        public static partial void Refused(ILogger logger, string route, string reason);
    }
}
