using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms.Builder;

namespace PasskeyGateway.LiveExchanges;

/// <summary>YARP's transform builder, whose every transformer comes wrapped in a <see cref="LiveExchangeTransformer"/>.</summary>
internal sealed class LiveExchangeTransformBuilder(ITransformBuilder inner, Lazy<LiveExchangeRegistry> registry) : ITransformBuilder
{
    public IReadOnlyList<Exception> ValidateRoute(RouteConfig route) => inner.ValidateRoute(route);

    public IReadOnlyList<Exception> ValidateCluster(ClusterConfig cluster) => inner.ValidateCluster(cluster);

    public HttpTransformer Build(RouteConfig route, ClusterConfig? cluster) => new LiveExchangeTransformer(inner.Build(route, cluster), registry);

    public HttpTransformer Create(Action<TransformBuilderContext> action) => new LiveExchangeTransformer(inner.Create(action), registry);
}
