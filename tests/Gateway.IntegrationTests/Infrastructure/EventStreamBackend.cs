using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A real Kestrel backend that answers every request with a server-sent event stream (<c>text/event-stream</c>,
/// whatever the request's <c>Accept</c>): an event every 100 ms until its client goes away. A stream opened with
/// <c>?id=…</c> records when its request was aborted (<see cref="StreamEndedAsync"/>): the backend's view of the
/// gateway ending it.
/// </summary>
public sealed class EventStreamBackend : IAsyncDisposable
{
    public static readonly TimeSpan EventInterval = TimeSpan.FromMilliseconds(100);

    private readonly WebApplication _app;
    private readonly BackendEndings _endings;

    private EventStreamBackend(WebApplication app, Uri address, BackendEndings endings)
    {
        _app = app;
        Address = address;
        _endings = endings;
    }

    public Uri Address { get; }

    /// <summary>When the stream opened with <c>?id=<paramref name="id"/></c> saw its request aborted, once it has.</summary>
    public Task<BackendEnding> StreamEndedAsync(string id) => _endings.For(id);

    public static async Task<EventStreamBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endings = new BackendEndings();
        app.Run(context => StreamAsync(context, endings));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new EventStreamBackend(app, new Uri(address + "/"), endings);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task StreamAsync(HttpContext context, BackendEndings endings)
    {
        var id = context.Request.Query["id"].ToString();
        var aborted = context.RequestAborted;
        using var registration = aborted.Register(() => endings.Record(id, new BackendEnding(Stopwatch.GetTimestamp(), CloseStatus: null)));
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        using var timer = new PeriodicTimer(EventInterval);
        try
        {
            for (var n = 0; ; n++)
            {
                await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"id: {n}\ndata: tick {n}\n\n"), aborted);
                await context.Response.Body.FlushAsync(aborted);
                await timer.WaitForNextTickAsync(aborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away: seen by the registration above, or first by a write that failed.
            endings.Record(id, new BackendEnding(Stopwatch.GetTimestamp(), CloseStatus: null));
        }
    }
}
