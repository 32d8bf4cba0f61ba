using System.Collections.Concurrent;
using System.Diagnostics;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// Where finished operations go: totals for the whole run, a window that the soak takes every minute, and (for the
/// chaos timeline) every operation with its times. Times are Stopwatch timestamps turned into offsets from
/// <see cref="Origin"/>.
/// </summary>
internal sealed class LoadRecorder(bool keepRecords)
{
    private readonly ConcurrentQueue<RequestRecord>? _records = keepRecords ? new() : null;
    private readonly ConcurrentDictionary<string, long> _dropped = new(StringComparer.Ordinal);
    private MixStats _total = new();
    private MixStats _window = new();
    private long _lastSignInSuccessStart = long.MinValue;

    public long Origin { get; } = Stopwatch.GetTimestamp();

    public TimeSpan Now => Stopwatch.GetElapsedTime(Origin);

    public MixStats Total => _total;

    public IReadOnlyCollection<RequestRecord> Records => _records ?? (IReadOnlyCollection<RequestRecord>)[];

    /// <summary>Operations the generator never sent, by reason: its own limits, so not answers of the gateway.</summary>
    public IReadOnlyDictionary<string, long> Dropped => _dropped;

    /// <summary>When the latest successful sign-in was due (from <see cref="Origin"/>), or null before the first.</summary>
    public TimeSpan? LastSignInSuccessStarted
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastSignInSuccessStart);
            return ticks == long.MinValue ? null : Stopwatch.GetElapsedTime(Origin, ticks);
        }
    }

    /// <param name="started">The Stopwatch timestamp at which the operation was due (open loop) or began (closed loop).</param>
    public void Record(RequestKind kind, long started, long finished, Outcome outcome)
    {
        if (outcome.ClientSide)
        {
            Drop(outcome.Error!);
            return;
        }

        var latency = (long)Stopwatch.GetElapsedTime(started, finished).TotalMicroseconds;
        Volatile.Read(ref _total).Record(kind, latency, outcome.Error);
        Volatile.Read(ref _window).Record(kind, latency, outcome.Error);
        _records?.Enqueue(new RequestRecord(kind, Stopwatch.GetElapsedTime(Origin, started), Stopwatch.GetElapsedTime(Origin, finished), outcome.Error));
        if (kind == RequestKind.SignIn && outcome.Succeeded)
        {
            var seen = Interlocked.Read(ref _lastSignInSuccessStart);
            while (started > seen)
            {
                var previous = Interlocked.CompareExchange(ref _lastSignInSuccessStart, started, seen);
                if (previous == seen)
                {
                    break;
                }

                seen = previous;
            }
        }
    }

    public void Drop(string reason) => _dropped.AddOrUpdate(reason, 1, static (_, count) => count + 1);

    /// <summary>The window since the last call, replaced by a fresh one; an operation finishing at the swap lands in either.</summary>
    public MixStats TakeWindow() => Interlocked.Exchange(ref _window, new MixStats());

    /// <summary>Starts the totals afresh (after a warm-up).</summary>
    public void ResetTotal() => Interlocked.Exchange(ref _total, new MixStats());
}
