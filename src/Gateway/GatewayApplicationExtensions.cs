using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using PasskeyGateway.Account;
using PasskeyGateway.Biometrics;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Configuration;
using PasskeyGateway.Devices;
using PasskeyGateway.Endpoints;
using PasskeyGateway.Enrollment;
using PasskeyGateway.ForwardAuth;
using PasskeyGateway.Headers;
using PasskeyGateway.Health;
using PasskeyGateway.Login;
using PasskeyGateway.Observability;
using PasskeyGateway.OpenApi;
using PasskeyGateway.Pages;
using PasskeyGateway.Passkeys;
using PasskeyGateway.Problems;
using PasskeyGateway.Proxy;
using PasskeyGateway.Security;

namespace PasskeyGateway;

/// <summary><c>app.MapGateway()</c>: the request pipeline of DESIGN.md §3, top to bottom.</summary>
public static class GatewayApplicationExtensions
{
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Load and validate the configuration now: a broken file stops startup with every problem listed.
        var options = app.Services.GetRequiredService<GatewayConfigMonitor>().Startup;

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;

                // Logged here, before the answer goes out, so the line is written by the time the client has its 503.
                if (StoreOutageLog.IsCredentialStoreOutage(error))
                {
                    context.RequestServices.GetRequiredService<StoreOutageLog>().CredentialStoreRefused(error!);
                }

                return context.RequestServices.GetRequiredService<ProblemWriter>().WriteAsync(context, ProblemFor(error));
            },

            // A request the server could not read (framing, size, a parameter that does not bind) is the client's
            // fault: answered 4xx without an error log line, so a flood of them cannot drown the real errors. A
            // credential store outage is logged in a line of its own (above), not per request with its stack trace.
            SuppressDiagnosticsCallback = context =>
                StoreOutageLog.IsCredentialStoreOutage(context.Exception) || context.Exception is BadHttpRequestException,
        });
        app.UseTrustedForwardedHeaders(options);
        app.UseGatewayMetricsEndpoint(options);
        app.UseMiddleware<IdentityHeaderScrubberMiddleware>();
        app.UseRouting();
        app.UseMiddleware<UnmatchedRequestMiddleware>();
        app.UseMiddleware<PathAmbiguityMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();

        // A route's CorsPolicy: preflights are answered here, before authentication (a browser sends them without
        // credentials); the actual requests go on to be authenticated.
        app.UseCors();
        app.UseMiddleware<CsrfMiddleware>();
        app.UseMiddleware<WebSocketOriginMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapWellKnownEndpoints();
        app.MapAccountEndpoints(options.PathPrefix);
        app.MapLoginEndpoints(options.PathPrefix);
        app.MapPasskeyEndpoints(options.PathPrefix);
        app.MapEnrollmentEndpoints(options.PathPrefix);
        app.MapCredentialEndpoints(options.PathPrefix);
        app.MapSessionEndpoints(options.PathPrefix);
        app.MapProfileEndpoints(options.PathPrefix);
        app.MapAccountPage(options.PathPrefix);
        if (options.Policies.ContainsKey(options.Admin.Policy))
        {
            app.MapAdminEndpoints(options.PathPrefix, options.Admin.Policy);
            app.MapAdminPage(options.PathPrefix, options.Admin.Policy);
        }
        app.MapDeviceEndpoints(options.PathPrefix);
        app.MapBiometricEndpoints(options.PathPrefix);
        app.MapForwardAuth(options.PathPrefix);
        app.MapOpenApiDocument(options);
        app.MapGatewayHealth();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<AnonymousRouteMetricsMiddleware>();
            proxy.UseMiddleware<ForwarderErrorMiddleware>();
        });
        app.Services.GetRequiredService<DescribedRequestRouter>().Build(app);
        return app;
    }

    /// <summary>
    /// The problem for an exception no endpoint handled. The credential store unreachable, or a connection it dropped
    /// (a transient database error), is an outage the client may retry: 503. A request Kestrel or parameter binding
    /// could not read is the client's: 413 or 400. Anything else is a bug: 500.
    /// </summary>
    private static GatewayProblem ProblemFor(Exception? error) => error switch
    {
        _ when StoreOutageLog.IsCredentialStoreOutage(error) => ProblemCatalog.CredentialStoreUnavailable,
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ProblemCatalog.BodyTooLarge,
        BadHttpRequestException => ProblemCatalog.InvalidRequest,
        _ => ProblemCatalog.InternalError,
    };

    /// <summary><c>/metrics</c>, anonymous, on the main port or only on <c>Gateway:Metrics:Port</c>.</summary>
    private static void UseGatewayMetricsEndpoint(this WebApplication app, GatewayOptions options)
    {
        if (options.Metrics.Port is { } port)
        {
            app.UseMiddleware<MetricsPortMiddleware>(port);
        }

        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path.Equals(GatewayObservability.MetricsPath, StringComparison.OrdinalIgnoreCase)
            && (options.Metrics.Port is not { } metricsPort || context.Connection.LocalPort == metricsPort));
    }

    /// <summary>
    /// X-Forwarded-For/Proto are believed only from the configured proxies; with none, never. Every trusted hop is
    /// walked, right to left, so the client address (for rate limits and the audit trail) is the first hop that is
    /// not a trusted proxy, whatever a client wrote further left.
    /// </summary>
    private static void UseTrustedForwardedHeaders(this WebApplication app, GatewayOptions options)
    {
        var trusted = app.Services.GetRequiredService<TrustedProxies>();
        if (trusted.IsEmpty)
        {
            return;
        }

        // The forward-auth endpoint believes only a trusted proxy: it needs the peer before the forwarded headers
        // replace it with the client's address.
        var verify = ForwardAuthEndpoints.VerifyPath(options.PathPrefix);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(verify, StringComparison.OrdinalIgnoreCase), branch =>
            branch.Use((context, next) =>
            {
                context.Features.Set(new ForwardAuthPeer(context.Connection.RemoteIpAddress));
                return next(context);
            }));

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = null };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        trusted.Addresses.ForEach(forwarded.KnownProxies.Add);
        trusted.Networks.ForEach(forwarded.KnownIPNetworks.Add);
        app.UseForwardedHeaders(forwarded);
    }
}
