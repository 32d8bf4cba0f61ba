using Microsoft.Extensions.Primitives;
using PasskeyGateway.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace PasskeyGateway.Proxy;

/// <summary>Feeds YARP the routes and clusters of the live snapshot; its change token fires on every accepted edit.</summary>
internal sealed class GatewayProxyConfigProvider(GatewayConfigAccessor config) : IProxyConfigProvider
{
    public IProxyConfig GetConfig() => new SnapshotProxyConfig(config.CurrentState);

    private sealed class SnapshotProxyConfig(GatewayConfigAccessor.State state) : IProxyConfig
    {
        public IReadOnlyList<RouteConfig> Routes => state.Snapshot.Routes;

        public IReadOnlyList<ClusterConfig> Clusters => state.Snapshot.Clusters;

        public IChangeToken ChangeToken => state.Replaced;

        public string RevisionId { get; } = state.Snapshot.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
