using System.Globalization;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>The command line, parsed once; every figure has a default that suits the 10-minute soak or a chaos run.</summary>
internal sealed record LoadMixOptions
{
    public const string Usage = """
        usage: LoadMix soak  [--minutes 10] [--redis] [--postgres] [--replay] [common options]
               LoadMix chaos [--outage 5] [--settle 10] [common options]
        common options:
          --rate N            open-loop rate in operations/s (no capacity measurement; the warm-up still runs)
          --load F            share of the measured capacity to run at (soak 0.8, chaos 0.5)
          --connections N     callers of the capacity measurement, and the connections of every run (50)
          --warmup S          seconds of closed-loop warm-up before the capacity or the run (20)
          --measure S         seconds the capacity is measured over (20)
          --users N           passkey users registered at start (2000)
          --gateway PATH      the gateway to run (src/Gateway/bin/Release/net10.0/gateway.dll)
          --gateway-env N=V   an environment variable for the gateway, e.g. a setting (Gateway__Limits__…) or
                              a log level (Logging__LogLevel__Microsoft.AspNetCore=None); repeatable;
                              written into the report, so never a secret
          --output DIR        where the report files go (artifacts/soak)
        """;

    public required LoadMixMode Mode { get; init; }

    public double Minutes { get; init; } = 10;

    /// <summary>Challenges in Redis rather than in memory (always on in chaos).</summary>
    public bool Redis { get; init; }

    /// <summary>Users and credentials in PostgreSQL rather than the SQLite file (always on in chaos).</summary>
    public bool Postgres { get; init; }

    /// <summary>Re-post every successful sign-in finish once more and count acceptances (always on in chaos).</summary>
    public bool Replay { get; init; }

    public double? Rate { get; init; }

    public double LoadFraction { get; init; }

    public int Connections { get; init; } = 50;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Measure { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Enough that a fault which holds every sign-in for seconds (at 10 % of the rate) still leaves authenticators
    /// free for new ones: each is lent to one sign-in at a time.
    /// </summary>
    public int Users { get; init; } = 2000;

    /// <summary>How long Redis stays dead and PostgreSQL stopped (the pause is CLIENT PAUSE's own, of the same length).</summary>
    public TimeSpan Outage { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Steady load after a recovery before the next fault, and before the first.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(10);

    public string GatewayDll { get; init; } = RepositoryRoot.Combine("src", "Gateway", "bin", "Release", "net10.0", "gateway.dll");

    /// <summary>Environment variables for the gateway process: settings the ASP.NET Core way, for experiments.</summary>
    public IReadOnlyDictionary<string, string> GatewayEnvironment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string OutputDirectory { get; init; } = RepositoryRoot.Combine("artifacts", "soak");

    /// <summary>The options, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static LoadMixOptions? Parse(string[] args, out string? error)
    {
        error = null;
        if (args.Length == 0 || !Enum.TryParse<LoadMixMode>(args[0], ignoreCase: true, out var mode) || int.TryParse(args[0], out _))
        {
            error = "the first argument is soak or chaos";
            return null;
        }

        var chaos = mode == LoadMixMode.Chaos;
        var options = new LoadMixOptions { Mode = mode, Redis = chaos, Postgres = chaos, Replay = chaos, LoadFraction = chaos ? 0.5 : 0.8 };
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => ++i < args.Length ? args[i] : throw new FormatException($"{name} needs a value");
            try
            {
                options = name switch
                {
                    "--minutes" => options with { Minutes = Positive(Value()) },
                    "--redis" => options with { Redis = true },
                    "--postgres" => options with { Postgres = true },
                    "--replay" => options with { Replay = true },
                    "--rate" => options with { Rate = Positive(Value()) },
                    "--load" => options with { LoadFraction = Positive(Value()) },
                    "--connections" => options with { Connections = (int)Positive(Value()) },
                    "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Positive(Value())) },
                    "--measure" => options with { Measure = TimeSpan.FromSeconds(Positive(Value())) },
                    "--users" => options with { Users = (int)Positive(Value()) },
                    "--outage" => options with { Outage = TimeSpan.FromSeconds(Positive(Value())) },
                    "--settle" => options with { Settle = TimeSpan.FromSeconds(Positive(Value())) },
                    "--gateway" => options with { GatewayDll = Path.GetFullPath(Value()) },
                    "--gateway-env" => options with { GatewayEnvironment = WithVariable(options.GatewayEnvironment, Value()) },
                    "--output" => options with { OutputDirectory = Path.GetFullPath(Value()) },
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

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> variables, string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new FormatException($"{assignment} is not NAME=VALUE");
        }

        return new Dictionary<string, string>(variables, StringComparer.Ordinal) { [assignment[..equals]] = assignment[(equals + 1)..] };
    }

    private static double Positive(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new FormatException($"{value} is not a positive number");
}
