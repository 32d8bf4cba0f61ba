using System.Collections.Concurrent;
using System.Threading.Channels;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// "No challenge is accepted twice": every sign-in finish the gateway accepted is posted once more, in the
/// background, by a few workers of its own. The expected answer is <c>400 challenge-invalid</c> (the challenge was
/// consumed). A 503 or a transport error is no answer: that replay is tried again a little later, so each one is
/// finally judged by a gateway that could check it. The bodies live only in this process's memory.
/// </summary>
internal sealed class ReplayChecker
{
    private const int Workers = 4;
    private const int MaxAttempts = 120;
    private const string Expected = "400 challenge-invalid";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly Channel<(byte[] Body, int Attempt)> _queue = Channel.CreateUnbounded<(byte[] Body, int Attempt)>();
    private readonly ConcurrentDictionary<string, long> _otherAnswers = new(StringComparer.Ordinal);
    private readonly MixClient _client;
    private readonly Task[] _workers;
    private long _submitted;
    private long _outstanding;
    private long _accepted;
    private long _refusedAsUsed;
    private long _retried;
    private long _neverAnswered;

    public ReplayChecker(MixClient client)
    {
        _client = client;
        _workers = [.. Enumerable.Range(0, Workers).Select(_ => Task.Run(WorkAsync))];
    }

    public void Submit(byte[] finish)
    {
        Interlocked.Increment(ref _submitted);
        Interlocked.Increment(ref _outstanding);
        _queue.Writer.TryWrite((finish, 1));
    }

    /// <summary>Waits until every submitted replay was judged (or <paramref name="timeout"/> passed), then counts.</summary>
    public async Task<ReplaySummary> FinishAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Interlocked.Read(ref _outstanding) > 0 && !deadline.IsCancellationRequested)
        {
            await Task.Delay(100, CancellationToken.None);
        }

        var unfinished = Interlocked.Read(ref _outstanding);
        _queue.Writer.TryComplete();
        if (unfinished == 0)
        {
            await Task.WhenAll(_workers);
        }

        return new ReplaySummary(
            Interlocked.Read(ref _submitted),
            Interlocked.Read(ref _accepted),
            Interlocked.Read(ref _refusedAsUsed),
            Interlocked.Read(ref _retried),
            Interlocked.Read(ref _neverAnswered) + unfinished,
            new SortedDictionary<string, long>(_otherAnswers, StringComparer.Ordinal));
    }

    private async Task WorkAsync()
    {
        await foreach (var (body, attempt) in _queue.Reader.ReadAllAsync())
        {
            var outcome = await _client.PostFinishAsync(body);
            if (outcome.Succeeded)
            {
                Interlocked.Increment(ref _accepted);
            }
            else if (outcome.Error == Expected)
            {
                Interlocked.Increment(ref _refusedAsUsed);
            }
            else if (IsNoAnswer(outcome.Error!) && attempt < MaxAttempts)
            {
                Interlocked.Increment(ref _retried);
                _ = RetryLaterAsync(body, attempt + 1);
                continue;
            }
            else if (IsNoAnswer(outcome.Error!))
            {
                Interlocked.Increment(ref _neverAnswered);
            }
            else
            {
                _otherAnswers.AddOrUpdate(outcome.Error!, 1, static (_, count) => count + 1);
            }

            Interlocked.Decrement(ref _outstanding);
        }
    }

    private async Task RetryLaterAsync(byte[] body, int attempt)
    {
        await Task.Delay(RetryDelay);
        if (!_queue.Writer.TryWrite((body, attempt)))
        {
            // The check has ended and counted this one as never answered.
            Interlocked.Decrement(ref _outstanding);
        }
    }

    /// <summary>The gateway could not judge the replay: its stores were unavailable, or it did not answer.</summary>
    private static bool IsNoAnswer(string error) =>
        error.StartsWith("503", StringComparison.Ordinal) || error.StartsWith("timeout", StringComparison.Ordinal) || error.StartsWith("transport", StringComparison.Ordinal);
}
