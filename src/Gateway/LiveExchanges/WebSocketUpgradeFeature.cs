using Microsoft.AspNetCore.Http.Features;

namespace PasskeyGateway.LiveExchanges;

/// <summary>
/// Kestrel's HTTP/1.1 upgrade, with the upgraded stream handed to YARP through a <see cref="WebSocketRelayStream"/>
/// of the exchange. YARP asks the request's features for the upgrade only once the backend answered <c>101</c>, so
/// replacing the feature before forwarding puts the relay between the two legs.
/// </summary>
internal sealed class WebSocketUpgradeFeature(IHttpUpgradeFeature upgrade, LiveExchange exchange) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => upgrade.IsUpgradableRequest;

    public async Task<Stream> UpgradeAsync() => exchange.Relay(await upgrade.UpgradeAsync());
}
