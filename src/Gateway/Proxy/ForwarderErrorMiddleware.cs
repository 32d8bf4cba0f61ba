using PasskeyGateway.Problems;
using Yarp.ReverseProxy.Forwarder;

namespace PasskeyGateway.Proxy;

/// <summary>
/// Runs inside YARP's pipeline: when forwarding failed before the backend answered (refused, timed out), YARP leaves
/// an empty 502/504; this writes the problem response in its place. Backend answers pass untouched.
/// </summary>
internal sealed partial class ForwarderErrorMiddleware(RequestDelegate next, ProblemWriter problems, ILogger<ForwarderErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted)
        {
            return;
        }

        var route = context.GetRouteModel().Config.RouteId;
        Log.ForwardingFailed(logger, route, error.Error);
        var problem = context.Response.StatusCode switch
        {
            StatusCodes.Status502BadGateway => ProblemCatalog.UpstreamUnavailable,
            StatusCodes.Status503ServiceUnavailable => ProblemCatalog.NoHealthyDestination,
            StatusCodes.Status504GatewayTimeout => ProblemCatalog.UpstreamTimeout,
            _ => null,
        };
        if (problem is not null)
        {
            await problems.WriteAsync(context, problem);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Warning, "Forwarding on route {Route} failed: {Error}.")]
        public static partial void ForwardingFailed(ILogger logger, string route, ForwarderError error);
    }
}
