using Microsoft.Extensions.Hosting;

namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// Creates or migrates the store's schema while the host starts, before it serves: an unusable store (a schema newer
/// than this gateway, a locked or unwritable file) stops startup with its message instead of failing the first
/// sign-in. Operations would also initialize on first use; this only moves the failure to where it is seen.
/// </summary>
internal sealed class CredentialStoreInitializer(ICredentialRepository repository) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => repository.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
