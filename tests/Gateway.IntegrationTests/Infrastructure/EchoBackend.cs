using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A real Kestrel backend on loopback that answers every request with what it received (method, path, every header
/// with all its values), so tests assert what actually crossed the proxy. It also reports the raw request target and
/// how servers that read paths otherwise would read it (<see cref="PathReadings"/>): what an IIS, a servlet container
/// or a slash-decoding server behind the gateway would have served. WebSockets are echoed too, and each one opened
/// with <c>?id=…</c> records how and when it ended (<see cref="WebSocketEndedAsync"/>).
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly BackendEndings _webSocketEndings;

    private EchoBackend(WebApplication app, Uri address, BackendEndings webSocketEndings)
    {
        _app = app;
        Address = address;
        _webSocketEndings = webSocketEndings;
    }

    public Uri Address { get; }

    /// <summary>How the backend's side of the WebSocket opened with <c>?id=<paramref name="id"/></c> ended, once it has.</summary>
    public Task<BackendEnding> WebSocketEndedAsync(string id) => _webSocketEndings.For(id);

    public static async Task<EchoBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var webSocketEndings = new BackendEndings();
        app.UseWebSockets();
        app.Run(async context =>
        {
            if (context.WebSockets.IsWebSocketRequest)
            {
                await EchoWebSocketAsync(context, webSocketEndings);
                return;
            }

            var headers = new JsonObject();
            foreach (var (name, values) in context.Request.Headers)
            {
                headers[name] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
            }

            var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            var readings = new JsonObject();
            foreach (var reading in Enum.GetValues<PathReading>())
            {
                readings[EchoedRequest.JsonName(reading)] = PathReadings.Read(reading, rawTarget);
            }

            var body = new JsonObject
            {
                ["method"] = context.Request.Method,
                ["path"] = context.Request.Path.Value,
                ["rawTarget"] = rawTarget,
                ["readings"] = readings,
                ["query"] = context.Request.QueryString.Value,
                ["protocol"] = context.Request.Protocol,
                ["headers"] = headers,
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString());
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new EchoBackend(app, new Uri(address + "/"), webSocketEndings);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// A WebSocket that sends back every message it receives, until the client closes it (answered as an endpoint
    /// does: with the status it received) or the connection goes; with an <c>id</c>, the end is recorded.
    /// </summary>
    private static async Task EchoWebSocketAsync(HttpContext context, BackendEndings endings)
    {
        var id = context.Request.Query["id"].ToString();
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    endings.Record(id, new BackendEnding(Stopwatch.GetTimestamp(), received.CloseStatus));
                    await socket.CloseAsync(received.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The connection went without a close frame.
            endings.Record(id, new BackendEnding(Stopwatch.GetTimestamp(), CloseStatus: null));
        }
    }
}

/// <summary>What the echo backend saw.</summary>
public sealed class EchoedRequest
{
    private readonly JsonObject _body;

    public EchoedRequest(string json)
    {
        _body = JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>Kestrel's reading: <c>HttpRequest.Path</c>.</summary>
    public string Path => _body["path"]!.GetValue<string>();

    /// <summary>The request target as it arrived, before Kestrel decoded or normalized anything.</summary>
    public string RawTarget => _body["rawTarget"]!.GetValue<string>();

    public string Method => _body["method"]!.GetValue<string>();

    public string Protocol => _body["protocol"]!.GetValue<string>();

    /// <summary>Every value of every header whose name equals <paramref name="name"/> ignoring case.</summary>
    public IReadOnlyList<string> Header(string name) =>
        [.. _body["headers"]!.AsObject()
            .Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value!.AsArray().Select(v => v!.GetValue<string>()))];

    public IReadOnlyList<string> HeaderNames => [.. _body["headers"]!.AsObject().Select(h => h.Key)];

    /// <summary>How a server that reads paths the <paramref name="reading"/> way would read <see cref="RawTarget"/>.</summary>
    public string Reading(PathReading reading) => _body["readings"]![JsonName(reading)]!.GetValue<string>();

    internal static string JsonName(PathReading reading) => JsonNamingPolicy.CamelCase.ConvertName(reading.ToString());

    public static async Task<EchoedRequest> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Expected the backend's echo, got {(int)response.StatusCode}: {text}");
        }

        return new EchoedRequest(text);
    }

    public override string ToString() => _body.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
