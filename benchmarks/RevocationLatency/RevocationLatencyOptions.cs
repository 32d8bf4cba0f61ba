using System.Globalization;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Benchmarks.RevocationLatency;

/// <summary>The command line, parsed once.</summary>
internal sealed record RevocationLatencyOptions
{
    public const string Usage = """
        usage: RevocationLatency [--replicas 1,2,4] [--logouts 500] [--callers 4] [--warmup 50] [--check-every 50] [--gateway PATH]
          --replicas LIST     the replica counts to measure, one set of processes each
          --logouts N         timed logouts per replica count, one after another, and as many again with --callers
          --callers N         concurrent callers of the second pass (1: no second pass)
          --warmup N          untimed logouts before the timed ones, per replica count
          --check-every N     after every Nth logout, ask every other replica whether it still accepts the token
          --gateway PATH      the gateway to run (src/Gateway/bin/Release/net10.0/gateway.dll)
        """;

    public IReadOnlyList<int> Replicas { get; init; } = [1, 2, 4];

    public int Logouts { get; init; } = 500;

    public int Callers { get; init; } = 4;

    public int Warmup { get; init; } = 50;

    public int CheckEvery { get; init; } = 50;

    public string GatewayDll { get; init; } = RepositoryRoot.Combine("src", "Gateway", "bin", "Release", "net10.0", "gateway.dll");

    /// <summary>The options, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static RevocationLatencyOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var options = new RevocationLatencyOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => ++i < args.Length ? args[i] : throw new FormatException($"{name} needs a value");
            try
            {
                options = name switch
                {
                    "--replicas" => options with { Replicas = [.. Value().Split(',').Select(v => Count(v))] },
                    "--logouts" => options with { Logouts = Count(Value()) },
                    "--callers" => options with { Callers = Count(Value()) },
                    "--warmup" => options with { Warmup = Count(Value(), minimum: 0) },
                    "--check-every" => options with { CheckEvery = Count(Value()) },
                    "--gateway" => options with { GatewayDll = Path.GetFullPath(Value()) },
                    _ => throw new FormatException($"unknown option {name}"),
                };
            }
            catch (FormatException e)
            {
                error = e.Message;
                return null;
            }
        }

        return options;
    }

    private static int Count(string value, int minimum = 1) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum
            ? number
            : throw new FormatException($"{value} is not a whole number of at least {minimum}");
}
