using PasskeyGateway.ForwardAuth;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Security;

/// <summary>
/// Refuses unsafe requests sent by another site's page with the user's session cookie (<see cref="CsrfRule"/>):
/// <c>403 csrf-origin-mismatch</c>. The forward-auth endpoint is not judged itself: it applies the rule to the request
/// its proxy describes.
/// </summary>
internal sealed partial class CsrfMiddleware(RequestDelegate next, CsrfRule rule, ProblemWriter problems, ILogger<CsrfMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!rule.Refuses(context) || ForwardAuthEndpoints.IsVerify(context))
        {
            return next(context);
        }

        Log.Refused(logger, context.Request.Method);
        return problems.WriteAsync(context, ProblemCatalog.CsrfOriginMismatch);
    }

    private static partial class Log
    {
        [LoggerMessage(3101, LogLevel.Debug, "Refused a cross-origin {Method} request (CSRF).")]
        public static partial void Refused(ILogger logger, string method);
    }
}
