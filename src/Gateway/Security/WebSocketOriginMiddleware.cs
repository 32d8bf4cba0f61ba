using PasskeyGateway.ForwardAuth;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Security;

/// <summary>
/// Refuses a WebSocket handshake with the session cookie from a page of an origin the gateway does not serve
/// (<see cref="WebSocketOriginRule"/>): <c>403 origin-mismatch</c>.
/// </summary>
internal sealed partial class WebSocketOriginMiddleware(RequestDelegate next, WebSocketOriginRule rule, ProblemWriter problems, ILogger<WebSocketOriginMiddleware> logger)
{
    /// <summary>The ceremony code <c>origin-mismatch</c>, answered 403: the handshake is refused, not malformed.</summary>
    public static readonly GatewayProblem Refused = new(
        ProblemCatalog.OriginMismatch.Code, StatusCodes.Status403Forbidden, "This WebSocket was opened by a page of an origin this gateway does not serve.");

    public Task InvokeAsync(HttpContext context)
    {
        if (!rule.Refuses(context) || ForwardAuthEndpoints.IsVerify(context))
        {
            return next(context);
        }

        Log.Refused(logger);
        return problems.WriteAsync(context, Refused);
    }

    private static partial class Log
    {
        [LoggerMessage(3201, LogLevel.Information, "Refused a WebSocket handshake with the session cookie from a page of another origin.")]
        public static partial void Refused(ILogger logger);
    }
}
