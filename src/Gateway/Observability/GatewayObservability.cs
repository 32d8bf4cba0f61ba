using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Observability;

/// <summary>
/// Metrics (OpenTelemetry → Prometheus text on <c>/metrics</c>), traces (OTLP, only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set) and the console log format.
/// </summary>
internal static class GatewayObservability
{
    public const string ActivitySourceName = "PasskeyGateway";
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddGatewayObservability(this WebApplicationBuilder builder, GatewayOptions options)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(GatewayMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter());

        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ActivitySourceName)
                .AddAspNetCoreInstrumentation(options => options.RecordException = false)
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        if (options.Logging.Format == LogFormat.Json)
        {
            // One JSON object per line; the hosting scope carries the request id and the trace id.
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        // Every logger of the process, whichever providers the host adds later, writes through the redaction.
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(services =>
            new RedactingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(services))));
        if (options.Metrics.Port is { } metricsPort)
        {
            builder.AddMetricsPort(metricsPort);
        }

        return builder;
    }

    /// <summary>
    /// The addresses Kestrel would have listened on: <c>urls</c>, else <c>http_ports</c>/<c>https_ports</c> (what the
    /// official container images set), else Kestrel's default.
    /// </summary>
    private static IEnumerable<string> ConfiguredUrls(WebApplicationBuilder builder)
    {
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        if (!string.IsNullOrWhiteSpace(urls))
        {
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var ports = (builder.WebHost.GetSetting(WebHostDefaults.HttpPortsKey) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}")
            .Concat((builder.WebHost.GetSetting(WebHostDefaults.HttpsPortsKey) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"https://*:{p}"))
            .ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    /// <summary>
    /// With <c>Gateway:Metrics:Port</c>, Kestrel also listens there and <c>/metrics</c> is served only there, so it is
    /// not reachable through the public listener. The port is added to the configured addresses, not put in their place.
    /// </summary>
    private static void AddMetricsPort(this WebApplicationBuilder builder, int port)
    {
        var metricsUrl = $"http://*:{port}";
        if (builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.Configuration["Kestrel:Endpoints:gateway-metrics:Url"] = metricsUrl;
        }
        else
        {
            builder.WebHost.UseUrls([.. ConfiguredUrls(builder), metricsUrl]);
        }
    }
}
