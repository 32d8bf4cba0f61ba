using Microsoft.AspNetCore.Authentication;
using PasskeyGateway.Authentication;

namespace PasskeyGateway.ForwardAuth;

/// <summary>
/// Finds the endpoint a described request would reach, with the gateway's own routing: a branch of the application
/// that runs only <c>UseRouting</c> over the same endpoint data sources (YARP's routes, reloaded with the
/// configuration), so host, path, method, header and query matches, route order and precedence are exactly those of
/// a request the gateway proxies.
/// </summary>
internal sealed class DescribedRequestRouter
{
    private RequestDelegate? _routing;

    /// <summary>Called once by <c>MapGateway</c>, after the routes are mapped.</summary>
    public void Build(WebApplication app)
    {
        // A branch has a routing world of its own: it is given the application's endpoint data sources, and a
        // terminal step before the endpoint middleware so that nothing it matches ever runs.
        var branch = ((IApplicationBuilder)app).New();
        branch.UseRouting();
        branch.Use(static (HttpContext _, RequestDelegate _) => Task.CompletedTask);
        branch.UseEndpoints(endpoints =>
        {
            foreach (var source in ((IEndpointRouteBuilder)app).DataSources)
            {
                endpoints.DataSources.Add(source);
            }
        });
        _routing = branch.Build();
    }

    /// <summary>
    /// A request context for <paramref name="described"/>: its method, host, path and query, the other headers of
    /// the asking request (the client's, which the proxy passes on: cookie, <c>Authorization</c>, <c>Accept</c>,
    /// <c>Origin</c>…), the asking request's identity, routed to its endpoint.
    /// </summary>
    public async Task<HttpContext> RouteAsync(HttpContext asking, DescribedRequest described)
    {
        var context = new DefaultHttpContext { RequestServices = asking.RequestServices, User = asking.User };
        var request = context.Request;
        foreach (var (name, values) in asking.Request.Headers)
        {
            if (!DescribedRequestReader.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                request.Headers[name] = values;
            }
        }

        request.Method = described.Method;
        request.Scheme = asking.Request.Scheme;
        request.Host = described.Host;
        request.Path = described.Path;
        request.QueryString = described.Query;
        context.Features.Set(asking.Features.Get<GatewayAuthenticationFeature>());
        context.Features.Set(asking.Features.Get<IAuthenticateResultFeature>());
        await RouteAsync(context);
        return context;
    }

    /// <summary>Sets <paramref name="context"/>'s endpoint, or none when no route or endpoint matches.</summary>
    public Task RouteAsync(HttpContext context) =>
        (_routing ?? throw new InvalidOperationException("The router is built by MapGateway."))(context);
}
