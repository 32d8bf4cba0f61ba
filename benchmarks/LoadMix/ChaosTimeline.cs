using System.Globalization;
using System.Text;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// Every operation of the chaos run as CSV (class, due and answered in seconds from the run's start, outcome), for
/// reading a fault's effect request by request. Outcomes are reasons like "503 challenge-store-unavailable", never bodies.
/// </summary>
internal static class ChaosTimeline
{
    public static async Task WriteAsync(string path, IEnumerable<RequestRecord> records)
    {
        var csv = new StringBuilder("class,due_s,answered_s,latency_ms,outcome\n");
        foreach (var record in records)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{record.Kind},{record.Started.TotalSeconds:F4},{record.Finished.TotalSeconds:F4},{record.Latency.TotalMilliseconds:F2},{record.Error ?? ChaosAnalysis.Success}\n");
        }

        await File.WriteAllTextAsync(path, csv.ToString());
    }
}
