using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Ceremonies.Redis;
using StackExchange.Redis;

// Challenge issue+consume pairs per second through the Redis challenge store, with 1, 16 and 64 concurrent callers
// (issue 4). benchmarks/challenge-store.sh runs it next to redis-benchmark on the same private redis-server.
// For scale it also runs the bare client: StackExchange.Redis SET NX EX + GETDEL of a random key with the same
// value size, no challenge work, on a multiplexer of its own. The gap between the two is what the store costs.
//
//   ChallengeStoreThroughput --redis 127.0.0.1:6379 [--seconds 5] [--warmup 2] [--callers 1,16,64]
//
// Prints one line per client and caller count: "client=store|raw callers=N pairs=N seconds=S pairs/s=R".
var options = args.Select((value, index) => (value, index))
    .Where(a => a.index % 2 == 0 && a.value.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(a => a.value[2..], a => args.ElementAtOrDefault(a.index + 1) ?? string.Empty, StringComparer.Ordinal);
if (!options.TryGetValue("redis", out var redis))
{
    Console.Error.WriteLine("usage: ChallengeStoreThroughput --redis <StackExchange.Redis string> [--seconds 5] [--warmup 2] [--callers 1,16,64]");
    return 2;
}

var measured = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("seconds", "5"), CultureInfo.InvariantCulture));
var warmup = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("warmup", "2"), CultureInfo.InvariantCulture));
var callerCounts = options.GetValueOrDefault("callers", "1,16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();

await using var services = new ServiceCollection()
    .AddRedisChallengeStore(RedisConnectionSettings.Parse(redis, "bench"))
    .BuildServiceProvider();
var store = services.GetRequiredService<IChallengeStore>();

// A ceremony's state is a few hundred bytes (passkey options, user handle); the benchmark carries as much.
var state = new byte[256];
var lifetime = TimeSpan.FromMinutes(5);

await using var raw = await ConnectionMultiplexer.ConnectAsync(redis);
var rawDatabase = raw.GetDatabase();
var rawValue = new byte[state.Length + 9];

var clients = new (string Name, Func<Task> Pair)[]
{
    ("store", async () =>
    {
        var issued = await store.IssueAsync(ChallengePurpose.PasskeyAuthentication, state, lifetime, "bench", CancellationToken.None);
        var result = await store.ConsumeAsync(ChallengePurpose.PasskeyAuthentication, issued.Challenge, CancellationToken.None);
        if (result.Status != ChallengeStatus.Consumed)
        {
            throw new InvalidOperationException($"A fresh challenge was {result.Status}.");
        }
    }),
    ("raw", async () =>
    {
        RedisKey key = $"bench:raw:{Guid.NewGuid():N}";
        await rawDatabase.StringSetAsync(key, rawValue, lifetime, When.NotExists);
        await rawDatabase.StringGetDeleteAsync(key);
    }),
};

foreach (var callers in callerCounts)
{
    foreach (var (name, pair) in clients)
    {
        await RunAsync(pair, callers, warmup);
        var (pairs, elapsed) = await RunAsync(pair, callers, measured);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"client={name} callers={callers} pairs={pairs} seconds={elapsed.TotalSeconds:F2} pairs/s={pairs / elapsed.TotalSeconds:F0}"));
    }
}

return 0;

static async Task<(long Pairs, TimeSpan Elapsed)> RunAsync(Func<Task> pair, int callers, TimeSpan duration)
{
    using var stop = new CancellationTokenSource(duration);
    var clock = Stopwatch.StartNew();
    var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        long pairs = 0;
        while (!stop.IsCancellationRequested)
        {
            await pair();
            pairs++;
        }

        return pairs;
    })));
    return (counts.Sum(), clock.Elapsed);
}
