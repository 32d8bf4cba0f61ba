using System.Diagnostics;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// Starts operations at a fixed rate whatever the answers do (an open loop), and times each from the moment it was
/// due, not from when it was sent. A closed loop waits for answers before sending more, so when the gateway slows
/// down it also sends less and its latencies look better than a user's ("coordinated omission", Gil Tene's term).
/// Operations are started on the thread pool in the 1 ms ticks of a timer; a tick that comes late starts everything
/// that fell due meanwhile. Beyond <see cref="MaxInFlight"/> unanswered operations new ones are not sent but counted
/// as dropped, so an overloaded gateway cannot make the generator exhaust memory or ports.
/// </summary>
internal sealed class OpenLoopGenerator(MixRunner runner, LoadRecorder recorder, double rate)
{
    public const int MaxInFlight = 5000;

    private long _inFlight;

    public double Rate => rate;

    /// <summary>Operations that fell due (sent or dropped).</summary>
    public long Scheduled { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    /// <summary>Runs until <paramref name="duration"/> has passed or <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(TimeSpan duration, CancellationToken stop)
    {
        var interval = Stopwatch.Frequency / rate;
        var origin = Stopwatch.GetTimestamp();
        long sequence = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        try
        {
            while (true)
            {
                var elapsed = Stopwatch.GetElapsedTime(origin);
                if (elapsed >= duration)
                {
                    break;
                }

                var due = (long)(elapsed.TotalSeconds * rate) + 1;
                for (; sequence < due; sequence++)
                {
                    Start(RequestMix.KindOf(sequence), origin + (long)(sequence * interval));
                }

                await timer.WaitForNextTickAsync(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run's end.
        }

        Scheduled = sequence;
        Elapsed = Stopwatch.GetElapsedTime(origin);
    }

    /// <summary>Waits for the operations still under way (at most <paramref name="timeout"/>).</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Interlocked.Read(ref _inFlight) > 0 && clock.Elapsed < timeout)
        {
            await Task.Delay(50);
        }
    }

    private void Start(RequestKind kind, long due)
    {
        if (Interlocked.Read(ref _inFlight) >= MaxInFlight)
        {
            recorder.Drop($"over {MaxInFlight} unanswered (load generator)");
            return;
        }

        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(async () =>
        {
            try
            {
                var outcome = await runner.RunAsync(kind);
                recorder.Record(kind, due, Stopwatch.GetTimestamp(), outcome);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
    }
}
