using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using CsCheck;
using Microsoft.Data.Sqlite;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Hardening.Properties;

/// <summary>
/// At least 10,000 generated malformed bodies through every ceremony endpoint (in a session where the endpoint needs
/// one, so the body reaches the ceremony): never a 5xx, every refusal a problem with a code, and nothing stored — no
/// user, passkey, device or biometric key.
/// </summary>
public sealed class MalformedBodyPropertyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const int Samples = 10_000;

    private GatewayHost Gateway => fixture.Host;

    public static TheoryData<string> Endpoints => new(CeremonyEndpoint.All.Select(e => e.Path));

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task GeneratedMalformedBodies_NeverA5xx_AlwaysAProblem_NothingStored(string path)
    {
        var endpoint = CeremonyEndpoint.All.Single(e => e.Path == path);
        var session = endpoint.InSession ? (await MobileClient.SignInAsync(Gateway)).AccessToken : null;
        var before = await CountRowsAsync();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        using var client = Gateway.CreateClient();

        await MalformedBodies.For(endpoint).SampleAsync(
            async body =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                if (session is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session);
                }

                using var response = await client.SendAsync(request);
                statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                if ((int)response.StatusCode >= 500)
                {
                    throw new InvalidOperationException($"{(int)response.StatusCode} for {Convert.ToBase64String(body)}: {await response.Content.ReadAsStringAsync()}");
                }

                if ((int)response.StatusCode >= 400)
                {
                    await ProblemResponse.ReadAsync(response);
                }
            },
            iter: Samples,
            threads: 4);

        Assert.Equal(Samples, statuses.Values.Sum());
        Assert.Equal(before, await CountRowsAsync());
        Assert.True(statuses.Keys.Any(s => (int)s >= 400), "no body was refused: the generator makes no malformed ones");
    }

    /// <summary>Rows of the durable tables a ceremony could write (the audit trail aside).</summary>
    private async Task<string> CountRowsAsync()
    {
        await using var connection = new SqliteConnection(Gateway.Options.Store.ConnectionString);
        await connection.OpenAsync();
        var counts = new List<string>();
        foreach (var table in new[] { "users", "passkeys", "devices", "biometric_keys" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {table}";
            counts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }

        return string.Join(", ", counts);
    }
}
