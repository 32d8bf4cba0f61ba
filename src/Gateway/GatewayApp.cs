using PasskeyGateway.Configuration;

namespace PasskeyGateway;

/// <summary>Builds the gateway's web application; used by <c>gateway</c> (serve), the other commands and the tests.</summary>
public static class GatewayApp
{
    public static WebApplication Build(string[] args, GatewayConfigFile configFile)
    {
        var app = CreateBuilder(args, configFile).Build();
        app.MapGateway();
        return app;
    }

    public static WebApplicationBuilder CreateBuilder(string[] args, GatewayConfigFile configFile)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddGateway(configFile);
        return builder;
    }

    /// <summary>The services without the pipeline and without logging: for commands that only read the configuration.</summary>
    internal static WebApplication BuildForCommand(GatewayConfigFile configFile)
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddGateway(configFile);

        // After AddGateway, which may add the JSON console: a command's output is its answer, nothing else.
        builder.Logging.ClearProviders();
        return builder.Build();
    }
}
