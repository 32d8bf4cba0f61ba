using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.PathAmbiguity;

/// <summary>
/// Backends that read paths differently, for a test class: a default Tomcat, a Tomcat set to decode <c>%2F</c> and read
/// <c>\</c> as <c>/</c>, and the Kestrel echo backend with its own readings. Started side by side: a Tomcat takes
/// seconds.
/// </summary>
public sealed class PathReadingBackends : IAsyncLifetime
{
    internal TomcatServer Tomcat { get; private set; } = null!;

    internal TomcatServer LenientTomcat { get; private set; } = null!;

    public EchoBackend Echo { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var tomcat = TomcatServer.StartAsync();
        var lenientTomcat = TomcatServer.StartAsync(TomcatPathHandling.DecodeSlashesAndBackslashes);
        var echo = EchoBackend.StartAsync();
        try
        {
            await Task.WhenAll(tomcat, lenientTomcat, echo);
        }
        catch
        {
            // WhenAll has waited for every start: stop those that succeeded, so that no Tomcat outlives a failed start.
            await StopIfStartedAsync(tomcat);
            await StopIfStartedAsync(lenientTomcat);
            await StopIfStartedAsync(echo);
            throw;
        }

        Tomcat = tomcat.Result;
        LenientTomcat = lenientTomcat.Result;
        Echo = echo.Result;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in new IAsyncDisposable?[] { Tomcat, LenientTomcat, Echo })
        {
            if (backend is not null)
            {
                await backend.DisposeAsync();
            }
        }
    }

    private static async Task StopIfStartedAsync<T>(Task<T> start)
        where T : IAsyncDisposable
    {
        if (start.IsCompletedSuccessfully)
        {
            await start.Result.DisposeAsync();
        }
    }
}
