using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Hardening;

/// <summary>
/// Anonymous callers cannot fill the disk: an options call hands out a challenge and writes nothing, while every
/// finished ceremony — success or failure — is audited.
/// </summary>
public sealed class AuditVolumeTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    [Fact]
    public async Task OptionsFlood_WritesNoAuditRow_ButAFailedFinishDoes()
    {
        var repository = Gateway.Services.GetRequiredService<ICredentialRepository>();
        var before = await CountAsync(repository);

        for (var i = 0; i < 200; i++)
        {
            using var options = await Gateway.Client.PostAsync("/.auth/passkeys/authentication/options", Json("""{"username":"nobody"}"""));
            options.EnsureSuccessStatusCode();
        }

        var afterFlood = await CountAsync(repository);
        (await Gateway.Client.PostAsync("/.auth/passkeys/authentication", Json("""{"id":"x"}"""))).Dispose();
        var afterFinish = await CountAsync(repository);

        Assert.Equal(before, afterFlood);
        Assert.Equal(before + 1, afterFinish);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<int> CountAsync(ICredentialRepository repository)
    {
        var count = 0;
        long? before = null;
        while (true)
        {
            var page = await repository.ReadAuditAsync(null, before, 500, CancellationToken.None);
            count += page.Records.Count;
            if (page.NextBeforeId is not { } next)
            {
                return count;
            }

            before = next;
        }
    }
}
