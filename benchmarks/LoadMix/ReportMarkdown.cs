using System.Globalization;
using System.Text;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// The reports as markdown: readable on a terminal as it is, and ready to paste into the docs. Numbers are
/// formatted in the invariant culture, which Program sets for the whole process.
/// </summary>
internal static class ReportMarkdown
{
    public static string Soak(SoakReport report)
    {
        var text = new StringBuilder();
        Line(text, $"# Soak, {report.Machine.DateUtc}");
        Line(text);
        Machine(text, report.Machine, report.LoadAverageAtEnd);
        Line(text, $"- setup: nginx backend, the gateway's Release build, {report.Store}; load generator on the same machine");
        Line(text, $"- mix: {report.Mix}");
        Capacity(text, report.Capacity);
        Line(text, $"- open loop: {report.TargetRate:F0} operations/s ({report.RateSource}) for {report.RunSeconds / 60:F1} min (planned {report.PlannedMinutes:F1}); achieved {report.AchievedRate:F0} answered/s, {report.Scheduled} due, {Dropped(report.Dropped)}");
        Line(text);
        Classes(text, report.Classes);
        Line(text);
        Line(text, "| minute | s | operations/s | errors | JWT p99 ms | anonymous p99 ms | sign-in p99 ms | gateway RSS MiB |");
        Line(text, "|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var minute in report.Minutes)
        {
            Line(text, $"| {minute.Minute} | {minute.Seconds:F0} | {minute.OperationsPerSecond:F0} | {minute.Errors} | {minute.JwtP99Ms:F2} | {minute.AnonymousP99Ms:F2} | {minute.SignInP99Ms:F2} | {minute.RssMiB:F0} |");
        }

        Line(text);
        Line(text, $"Gateway memory: RSS {report.RssStartMiB:F0} MiB at the start of the open loop, {report.RssEndMiB:F0} MiB at its end, peak (VmHWM, whole run) {report.RssPeakMiB:F0} MiB.");
        if (report.Replays is { } replays)
        {
            Line(text);
            Replays(text, replays);
        }

        Line(text);
        GatewayLog(text, report.GatewayLog);
        Line(text);
        Findings(text, report.Findings, "no errors");
        return text.ToString();
    }

    public static string Chaos(ChaosReport report)
    {
        var text = new StringBuilder();
        Line(text, $"# Chaos, {report.Machine.DateUtc}");
        Line(text);
        Machine(text, report.Machine, report.LoadAverageAtEnd);
        Line(text, $"- setup: nginx backend, the gateway's Release build, {report.Store}; Redis, PostgreSQL and the load generator on the same machine");
        Line(text, $"- mix: {report.Mix}");
        Capacity(text, report.Capacity);
        Line(text, $"- open loop: {report.TargetRate:F0} operations/s ({report.RateSource}) for {report.RunSeconds:F0} s; achieved {report.AchievedRate:F0} answered/s, {Dropped(report.Dropped)}");
        Line(text, $"- faults, in turn, each held {report.OutageSeconds:F0} s, with steady load before the next: Redis `CLIENT PAUSE … ALL`; Redis killed (SIGKILL) and restarted empty on its port; PostgreSQL stopped (fast) and started");
        Line(text);
        Line(text, "| stretch | fault (s from start) | JWT route: requests / errors / p99 / max ms | anonymous: requests / errors / p99 / max ms | sign-ins during the outage | their answer took (p50 / max s) | sign-ins after it | recovery s | last sign-in failure after the fault's end, s |");
        Line(text, "|---|---|---|---|---|---|---|---:|---:|");
        foreach (var result in report.Events.Prepend(report.Baseline))
        {
            var fault = result.FaultEndSeconds > result.StartSeconds ? $"{result.StartSeconds:F1} → {result.FaultEndSeconds:F1}" : "none";
            Line(text, $"| {result.Name} | {fault} | {Route(result.Jwt)} | {Route(result.Anonymous)} | {Outcomes(result.SignInsDuringOutage)} | {Waited(result.SignInsDuringOutageLatency)} | {Outcomes(result.SignInsAfterOutage)} | {Optional(result.RecoverySeconds)} | {Optional(result.LastSignInFailureAfterFaultEndSeconds)} |");
        }

        Line(text);
        Line(text, $"Timeline of every operation: {report.Timeline}.");
        Line(text);
        Line(text, "Recovery: from the fault's end (the pause over; redis-server or PostgreSQL accepting connections again) to the end of the first successful sign-in that was started after it. Target ≤ 5 s.");
        Line(text);
        Line(text, "Whole run:");
        Line(text);
        Classes(text, report.Classes);
        Line(text);
        Replays(text, report.Replays);
        Line(text);
        Line(text, $"Gateway memory: RSS {report.RssStartMiB:F0} MiB at the start of the open loop, {report.RssEndMiB:F0} MiB at its end, peak (VmHWM) {report.RssPeakMiB:F0} MiB.");
        Line(text);
        GatewayLog(text, report.GatewayLog);
        Line(text);
        Findings(text, report.Findings, "every expectation met");
        return text.ToString();
    }

    private static void Machine(StringBuilder text, MachineInfo machine, string loadAtEnd)
    {
        Line(text, $"- machine: {machine.Host}, {machine.Cores} cores ({machine.Cpu}), {machine.MemoryGiB:F1} GiB, Linux {machine.Kernel}, {machine.Runtime}");
        Line(text, $"- commit: {machine.Commit}; load average (1/5/15 min) {machine.LoadAverageAtStart} at the start, {loadAtEnd} at the end");
    }

    private static void Capacity(StringBuilder text, CapacityResult? capacity)
    {
        if (capacity is null)
        {
            return;
        }

        var errors = capacity.Classes.Sum(c => c.Errors);
        Line(text, $"- capacity: {capacity.OperationsPerSecond:F0} operations/s, closed loop with {capacity.Connections} callers over {capacity.MeasuredSeconds:F0} s after {capacity.WarmupSeconds:F0} s of warm-up ({string.Join(", ", capacity.Classes.Select(c => $"{c.Class} p99 {c.P99Ms:F2} ms"))}; {errors} errors)");
    }

    private static void Classes(StringBuilder text, IReadOnlyList<ClassSummary> classes)
    {
        Line(text, "| class | answered | per s | errors | p50 ms | p99 ms | max ms | errors by reason |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var c in classes)
        {
            Line(text, $"| {c.Class} | {c.Count} | {c.PerSecond:F0} | {c.Errors} | {c.P50Ms:F2} | {c.P99Ms:F2} | {c.MaxMs:F2} | {(c.Errors == 0 ? "" : ChaosAnalysis.Reasons(c.ErrorsByReason))} |");
        }
    }

    private static void Replays(StringBuilder text, ReplaySummary replays)
    {
        var other = replays.OtherAnswers.Count == 0 ? "none" : ChaosAnalysis.Reasons(replays.OtherAnswers);
        Line(text, $"Replay check (every accepted sign-in finish posted once more): {replays.Submitted} replayed, **{replays.Accepted} accepted** (must be 0), {replays.RefusedAsUsed} refused 400 challenge-invalid, other answers: {other}; {replays.RetriedAfterUnavailable} retries after a 503 or no answer, {replays.NeverAnswered} never judged.");
    }

    private static void GatewayLog(StringBuilder text, GatewayLogSummary log)
    {
        var levels = log.EntriesByLevel.Count == 0 ? "none" : string.Join(", ", log.EntriesByLevel.Select(l => $"{l.Key} {l.Value}"));
        var failures = log.ErrorEntries.Count == 0 ? "" : $"; error entries: {ChaosAnalysis.Reasons(log.ErrorEntries)}";
        Line(text, $"Gateway log (Warning and above): {levels}{failures}. Kept as {log.File}.");
    }

    private static void Findings(StringBuilder text, IReadOnlyList<string> findings, string none)
    {
        if (findings.Count == 0)
        {
            Line(text, $"Findings: none — {none}.");
            return;
        }

        Line(text, "Findings:");
        foreach (var finding in findings)
        {
            Line(text, $"- {finding}");
        }
    }

    private static string Route(ClassSummary route) => $"{route.Count} / {route.Errors} / {route.P99Ms:F1} / {route.MaxMs:F0}";

    private static string Waited(ClassSummary signIns) =>
        signIns.Count == 0 ? "—" : $"{signIns.P50Ms / 1000:F2} / {signIns.MaxMs / 1000:F2}";

    private static string Outcomes(IReadOnlyDictionary<string, long> outcomes) =>
        outcomes.Count == 0 ? "none" : ChaosAnalysis.Reasons(outcomes);

    private static string Optional(double? seconds) => seconds is { } value ? value.ToString("F2", CultureInfo.InvariantCulture) : "—";

    private static string Dropped(IReadOnlyDictionary<string, long> dropped) =>
        dropped.Count == 0 ? "none dropped" : "dropped: " + ChaosAnalysis.Reasons(dropped);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
