using Microsoft.Extensions.Configuration;
using PasskeyGateway.Proxy;
using Yarp.ReverseProxy.Configuration;

namespace PasskeyGateway.Configuration;

/// <summary>
/// Reads YARP's <c>ReverseProxy</c> section (routes and clusters, YARP's documented schema) strictly, then checks what
/// only the gateway knows: every route's policy exists, its cluster exists, it does not shadow the gateway's own
/// endpoints. YARP's own validator then checks each route and cluster (patterns, transforms, addresses).
/// </summary>
internal sealed class ReverseProxyConfigReader(IConfigValidator proxyValidator)
{
    public const string SectionName = "ReverseProxy";

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Read(
        IConfiguration configuration, ICollection<ConfigProblem> problems)
    {
        var section = configuration.GetSection(SectionName);
        foreach (var child in section.GetChildren())
        {
            if (!child.Key.Equals("Routes", StringComparison.OrdinalIgnoreCase) && !child.Key.Equals("Clusters", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(ConfigProblem.Error(ConfigPath.Of(child), $"unknown setting '{child.Key}': ReverseProxy holds Routes and Clusters."));
            }
        }

        var binder = new StrictConfigurationBinder(problems);
        var routes = binder.Bind(typeof(IReadOnlyDictionary<string, RouteConfig>), section.GetSection("Routes")) as IReadOnlyDictionary<string, RouteConfig>;
        var clusters = binder.Bind(typeof(IReadOnlyDictionary<string, ClusterConfig>), section.GetSection("Clusters")) as IReadOnlyDictionary<string, ClusterConfig>;

        return (
            routes?.Select(r => r.Value with { RouteId = r.Key }).ToList() ?? [],
            clusters?.Select(c => c.Value with { ClusterId = c.Key }).ToList() ?? []);
    }

    public async ValueTask ValidateAsync(
        IReadOnlyList<RouteConfig> routes,
        IReadOnlyList<ClusterConfig> clusters,
        GatewayOptions options,
        ICollection<ConfigProblem> problems)
    {
        if (routes.Count == 0)
        {
            problems.Add(ConfigProblem.Warning("ReverseProxy.Routes", "no routes: every request outside the gateway's own endpoints gets 404."));
        }

        var clusterIds = clusters.Select(c => c.ClusterId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes)
        {
            var path = $"ReverseProxy.Routes.{route.RouteId}";
            ValidatePolicy(route, options, path, problems);
            if (string.IsNullOrEmpty(route.ClusterId))
            {
                problems.Add(ConfigProblem.Error(path + ".ClusterId", "required."));
            }
            else if (!clusterIds.Contains(route.ClusterId))
            {
                problems.Add(ConfigProblem.Error(path + ".ClusterId", $"'{route.ClusterId}' is not a cluster in ReverseProxy.Clusters."));
            }

            if (route.Match?.Path is { } matchPath
                && (matchPath.Equals(options.PathPrefix, StringComparison.OrdinalIgnoreCase)
                    || matchPath.StartsWith(options.PathPrefix + "/", StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(ConfigProblem.Error(path + ".Match.Path", $"must not lie under {options.PathPrefix}: the gateway serves its own endpoints there."));
            }

            if (route.Order is < 0)
            {
                // Endpoint routing sorts by order first: a negative order could shadow the gateway's own endpoints.
                problems.Add(ConfigProblem.Error(path + ".Order", "must not be negative."));
            }

            foreach (var (key, value) in route.Metadata ?? new Dictionary<string, string>())
            {
                if (!key.StartsWith(RouteMetadataKeys.Prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!RouteMetadataKeys.All.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add(ConfigProblem.Error($"{path}.Metadata.{key}", $"unknown gateway setting; known: {string.Join(", ", RouteMetadataKeys.All)}."));
                }
                else if (!RouteMetadataKeys.IsValid(key, value))
                {
                    var values = RouteMetadataKeys.Checks.Contains(key, StringComparer.OrdinalIgnoreCase) ? "\"on\" or \"off\"" : "\"true\" or \"false\"";
                    problems.Add(ConfigProblem.Error($"{path}.Metadata.{key}", $"must be {values}."));
                }
            }

            if (route.CorsPolicy is { } cors && !options.Cors.ContainsKey(cors))
            {
                problems.Add(ConfigProblem.Error(path + ".CorsPolicy", $"'{cors}' is not a policy in Gateway.Cors ({string.Join(", ", options.Cors.Keys)})."));
            }

            // The gateway resolves policies itself (they can change in the same edit); YARP checks the rest.
            foreach (var error in await proxyValidator.ValidateRouteAsync(route with { AuthorizationPolicy = null, CorsPolicy = null }))
            {
                problems.Add(ConfigProblem.Error(path, error.Message));
            }
        }

        foreach (var cluster in clusters)
        {
            // YARP takes any string here and fails per request; refuse it up front.
            foreach (var (name, destination) in cluster.Destinations ?? new Dictionary<string, DestinationConfig>())
            {
                if (!Uri.TryCreate(destination.Address, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
                {
                    problems.Add(ConfigProblem.Error($"ReverseProxy.Clusters.{cluster.ClusterId}.Destinations.{name}.Address", "must be an absolute http(s) URL."));
                }
            }

            foreach (var error in await proxyValidator.ValidateClusterAsync(cluster))
            {
                problems.Add(ConfigProblem.Error($"ReverseProxy.Clusters.{cluster.ClusterId}", error.Message));
            }
        }
    }

    private static void ValidatePolicy(RouteConfig route, GatewayOptions options, string path, ICollection<ConfigProblem> problems)
    {
        var policy = route.AuthorizationPolicy;
        if (!RoutePolicyNames.IsBuiltIn(policy) && !options.Policies.ContainsKey(policy!))
        {
            problems.Add(ConfigProblem.Error(
                path + ".AuthorizationPolicy",
                $"'{policy}' is not anonymous, default or a policy in Gateway.Policies ({string.Join(", ", options.Policies.Keys)})."));
        }
    }
}
