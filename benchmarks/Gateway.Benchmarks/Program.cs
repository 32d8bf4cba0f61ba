using BenchmarkDotNet.Running;
using PasskeyGateway.Benchmarks;

// dotnet run -c Release --project benchmarks/Gateway.Benchmarks -- signin [--redis host:port] [--seconds 10]
// dotnet run -c Release --project benchmarks/Gateway.Benchmarks -- [BenchmarkDotNet arguments, e.g. --filter '*']
return args.Length > 0 && args[0] == "signin"
    ? await PasskeySignInThroughput.RunAsync(args[1..])
    : RunBenchmarkDotNet(args);

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(PasskeySignInThroughput).Assembly).Run(args);
    return 0;
}
