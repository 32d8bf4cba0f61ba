namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>A gateway with the default of <c>Gateway:Accounts:Registration</c>: <c>invite</c> (the test config opens it).</summary>
public sealed class InviteGatewayFixture : IAsyncLifetime
{
    private GatewayHost? _host;

    public GatewayHost Host => _host ?? throw new InvalidOperationException("The gateway has not started.");

    public async ValueTask InitializeAsync() => _host = await GatewayHost.StartAsync(InviteOnly);

    /// <summary>Takes the test config's <c>Gateway:Accounts</c> out, leaving the gateway's defaults.</summary>
    public static void InviteOnly(System.Text.Json.Nodes.JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config["Gateway"]!.AsObject().Remove("Accounts");
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
