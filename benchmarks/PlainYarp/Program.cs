// The baseline of the proxy benchmark: YARP as its own documentation sets it up, same version as the gateway, no
// authentication. Usage: PlainYarp --urls http://127.0.0.1:PORT --backend http://127.0.0.1:PORT/
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var backend = builder.Configuration["backend"] ?? throw new InvalidOperationException("--backend is required");
builder.Services.AddReverseProxy().LoadFromMemory(
    [new Yarp.ReverseProxy.Configuration.RouteConfig { RouteId = "all", ClusterId = "backend", Match = new() { Path = "/{**rest}" } }],
    [new Yarp.ReverseProxy.Configuration.ClusterConfig
    {
        ClusterId = "backend",
        Destinations = new Dictionary<string, Yarp.ReverseProxy.Configuration.DestinationConfig> { ["one"] = new() { Address = backend } },
    }]);
var app = builder.Build();
app.MapReverseProxy();
app.Run();
