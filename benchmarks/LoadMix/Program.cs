using System.Globalization;
using PasskeyGateway.Benchmarks.LoadMix;

// Soak and chaos campaign against real processes: nginx, the gateway's Release build, redis-server, PostgreSQL.
// benchmarks/soak.sh and benchmarks/chaos.sh install what is missing, build once and run this.
//
//   LoadMix soak [--minutes 10] [--redis] [--postgres] [--replay] …
//   LoadMix chaos [--outage 5] …
//
// Prints the report (markdown) and writes it with its JSON and the gateway's log under artifacts/soak/.
// Exit code: 0 when every expectation was met, 1 with findings, 2 on a usage error.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = LoadMixOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine($"LoadMix: {error}");
    Console.Error.WriteLine(LoadMixOptions.Usage);
    return 2;
}

var stem = ReportFiles.Stem(options.OutputDirectory, options.Mode);
var progress = Console.Error;
var (markdown, findings) = options.Mode == LoadMixMode.Soak
    ? await WriteAsync(await SoakRun.RunAsync(options, stem, progress), r => r.Findings)
    : await WriteAsync(await ChaosRun.RunAsync(options, stem, progress), r => r.Findings);

Console.WriteLine(markdown);
Console.WriteLine($"Report: {stem}.md, {stem}.json");
return findings.Count == 0 ? 0 : 1;

async Task<(string Markdown, IReadOnlyList<string> Findings)> WriteAsync<T>((T Report, string Markdown) result, Func<T, IReadOnlyList<string>> findingsOf)
{
    await ReportFiles.WriteAsync(stem, result.Report, result.Markdown);
    return (result.Markdown, findingsOf(result.Report));
}
