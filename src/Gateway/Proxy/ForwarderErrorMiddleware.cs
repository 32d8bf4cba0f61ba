using PasskeyGateway.Problems;
using Yarp.ReverseProxy.Forwarder;

namespace PasskeyGateway.Proxy;

/// <summary>
/// Runs inside YARP's pipeline: when forwarding failed before the backend answered (refused, timed out), YARP leaves
/// an empty 502/504, and a request body it could not read an empty 400; this writes the problem response in its
/// place. Backend answers pass untouched.
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
        if (IsClientSide(error.Error))
        {
            Log.ClientSideFailure(logger, route, error.Error);
        }
        else
        {
            Log.ForwardingFailed(logger, route, error.Error);
        }

        var problem = context.Response.StatusCode switch
        {
            // The client's request body could not be read (bad chunking, cut short): YARP answers 400 without a body.
            StatusCodes.Status400BadRequest => ProblemCatalog.InvalidRequest,
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

    /// <summary>The client's doing (a body it could not send, a request it gave up): routine, not an anomaly of the backend.</summary>
    private static bool IsClientSide(ForwarderError error) => error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled
        or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient
        or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseCanceled;

    private static partial class Log
    {
        [LoggerMessage(4002, LogLevel.Debug, "Forwarding on route {Route} stopped on the client's side: {Error}.")]
        public static partial void ClientSideFailure(ILogger logger, string route, ForwarderError error);

        [LoggerMessage(4001, LogLevel.Warning, "Forwarding on route {Route} failed: {Error}.")]
        public static partial void ForwardingFailed(ILogger logger, string route, ForwarderError error);
    }
}
