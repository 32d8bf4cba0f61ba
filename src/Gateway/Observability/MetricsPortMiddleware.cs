using PasskeyGateway.Problems;

namespace PasskeyGateway.Observability;

/// <summary>
/// Keeps the metrics port for metrics and probes: nothing on it is proxied, and <c>/metrics</c> answers nowhere else.
/// </summary>
internal sealed class MetricsPortMiddleware(RequestDelegate next, int metricsPort, ProblemWriter problems)
{
    private static readonly PathString[] AllowedOnMetricsPort = [GatewayObservability.MetricsPath, "/healthz", "/readyz"];

    public Task InvokeAsync(HttpContext context)
    {
        var onMetricsPort = context.Connection.LocalPort == metricsPort;
        var isMetrics = context.Request.Path.Equals(GatewayObservability.MetricsPath, StringComparison.OrdinalIgnoreCase);
        if (onMetricsPort ? !AllowedOnMetricsPort.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)) : isMetrics)
        {
            return problems.WriteAsync(context, ProblemCatalog.NotFound);
        }

        return next(context);
    }
}
