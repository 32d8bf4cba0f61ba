using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PasskeyGateway.Ceremonies.Passkeys;
using PasskeyGateway.Configuration;
using PasskeyGateway.Testing;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Benchmarks;

/// <summary>
/// Complete passkey sign-ins per second through the gateway's ceremony services, as the endpoint runs them: options
/// (challenge issued), the client's assertion, verification (challenge consumed, Fido2, the repository's sign count),
/// and the access and session tokens. The challenge store is in memory or Redis; the repository is the SQLite file of
/// the embedded default. Prints the rate at 1, 16 and 64 concurrent sign-ins and where a single sign-in spends its time.
/// </summary>
internal static class PasskeySignInThroughput
{
    private const int Users = 256;

    public static async Task<int> RunAsync(string[] args)
    {
        var redis = Option(args, "--redis");
        var seconds = int.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var directory = Directory.CreateTempSubdirectory("signin-benchmark-").FullName;
        try
        {
            await using var app = Build(directory, redis);
            var ceremonies = app.Services.GetRequiredService<PasskeyCeremonies>();
            var tokens = app.Services.GetRequiredService<TokenIssuer>();
            var users = await RegisterUsersAsync(ceremonies);

            Console.WriteLine($"Passkey sign-ins (usernameless, ES256), challenge store: {(redis is null ? "in memory" : "Redis " + redis)}, repository: SQLite, {Environment.ProcessorCount} cores");
            await BreakdownAsync(ceremonies, tokens, users);
            foreach (var concurrency in new[] { 1, 16, 64 })
            {
                var (count, elapsed) = await RunConcurrentlyAsync(ceremonies, tokens, users, concurrency, TimeSpan.FromSeconds(seconds));
                Console.WriteLine($"  {concurrency,2} concurrent: {count / elapsed.TotalSeconds,8:F0} sign-ins/s ({count} in {elapsed.TotalSeconds:F1} s)");
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static WebApplication Build(string directory, string? redis)
    {
        var config = new JsonObject
        {
            ["Gateway"] = new JsonObject
            {
                ["PublicOrigin"] = "http://localhost:8080",
                ["Session"] = new JsonObject { ["Secure"] = false },
                ["DataDirectory"] = "data",
            },
            ["ReverseProxy"] = new JsonObject { ["Routes"] = new JsonObject(), ["Clusters"] = new JsonObject() },
        };
        if (redis is not null)
        {
            config["Gateway"]!["Redis"] = new JsonObject { ["Configuration"] = redis, ["KeyPrefix"] = "bench-" + Guid.NewGuid().ToString("N")[..8] };
        }

        var path = Path.Combine(directory, "gateway.json");
        File.WriteAllText(path, config.ToJsonString());
        var builder = GatewayApp.CreateBuilder(["--urls", "http://127.0.0.1:0"], GatewayConfigFile.Locate(path));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGateway();
        return app;
    }

    private static async Task<SoftwareAuthenticator[]> RegisterUsersAsync(PasskeyCeremonies ceremonies)
    {
        var users = new SoftwareAuthenticator[Users];
        for (var i = 0; i < Users; i++)
        {
            users[i] = new SoftwareAuthenticator("http://localhost:8080", "localhost");
            var options = await ceremonies.BeginRegistrationAsync($"user{i}", null, null, openRegistration: true, $"user{i}", default);
            var credential = users[i].Create(JsonNode.Parse(options.Value!.Json)!);
            var registered = await ceremonies.CompleteRegistrationAsync(Encoding.UTF8.GetBytes(credential.ToJsonString()), null, openRegistration: true, default);
            if (!registered.Succeeded)
            {
                throw new InvalidOperationException(registered.Failure.Message);
            }
        }

        return users;
    }

    private static async Task<(long Count, TimeSpan Elapsed)> RunConcurrentlyAsync(
        PasskeyCeremonies ceremonies, TokenIssuer tokens, SoftwareAuthenticator[] users, int concurrency, TimeSpan duration)
    {
        long count = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            // Each worker owns its users: an authenticator is used by one sign-in at a time, as a person's is.
            var mine = users.Where((_, i) => i % concurrency == worker).ToArray();
            for (var n = 0; stopwatch.Elapsed < duration; n++)
            {
                await SignInAsync(ceremonies, tokens, mine[n % mine.Length], timings: null);
                Interlocked.Increment(ref count);
            }
        })));
        return (count, stopwatch.Elapsed);
    }

    private static async Task BreakdownAsync(PasskeyCeremonies ceremonies, TokenIssuer tokens, SoftwareAuthenticator[] users)
    {
        var timings = new double[4];
        const int Iterations = 2000;
        for (var i = 0; i < Iterations; i++)
        {
            await SignInAsync(ceremonies, tokens, users[i % users.Length], i < 200 ? null : timings);
        }

        var measured = Iterations - 200;
        Console.WriteLine("  one sign-in, single caller (µs):"
            + $" options {timings[0] / measured:F0}, client assertion {timings[1] / measured:F0} (not gateway work),"
            + $" verify + record {timings[2] / measured:F0}, two tokens {timings[3] / measured:F0}");
    }

    private static async Task SignInAsync(PasskeyCeremonies ceremonies, TokenIssuer tokens, SoftwareAuthenticator user, double[]? timings)
    {
        var started = Stopwatch.GetTimestamp();
        var options = await ceremonies.BeginAuthenticationAsync(null, reauthenticates: null, "bench", default);
        var afterOptions = Stopwatch.GetTimestamp();
        var assertion = Encoding.UTF8.GetBytes(user.Get(JsonNode.Parse(options.Value!.Json)!).ToJsonString());
        var afterClient = Stopwatch.GetTimestamp();
        var signIn = await ceremonies.CompleteAuthenticationAsync(assertion, default);
        if (!signIn.Succeeded)
        {
            throw new InvalidOperationException(signIn.Failure.Message);
        }

        var afterVerify = Stopwatch.GetTimestamp();
        var identity = new SignInIdentity(signIn.Value.User.Id, signIn.Value.User.Username, "passkey", ["hwk", "user", "mfa"], TokenIssuer.NewId(), DateTimeOffset.UtcNow);
        _ = tokens.IssueAccessToken(identity);
        _ = tokens.IssueSessionToken(identity);
        if (timings is not null)
        {
            timings[0] += Stopwatch.GetElapsedTime(started, afterOptions).TotalMicroseconds;
            timings[1] += Stopwatch.GetElapsedTime(afterOptions, afterClient).TotalMicroseconds;
            timings[2] += Stopwatch.GetElapsedTime(afterClient, afterVerify).TotalMicroseconds;
            timings[3] += Stopwatch.GetElapsedTime(afterVerify).TotalMicroseconds;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
