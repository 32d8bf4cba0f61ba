using System.Numerics;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// Latencies in microseconds, bucketed as HdrHistogram does with two significant digits: exact below 128 µs, then 64
/// buckets per power of two, so a bucket is at most 1/64 (1.6 %) wide. Memory stays fixed however long the run, and
/// recording is lock-free because thousands of requests finish each second on several threads.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int Linear = 128;
    private const int SubBuckets = 64;

    // 2^37 µs is 38 hours: anything longer is clamped (a request is abandoned after seconds).
    private const int HighestExponent = 36;

    private readonly long[] _counts = new long[Linear + ((HighestExponent - 6) * SubBuckets)];
    private long _count;
    private long _max;

    public long Count => Interlocked.Read(ref _count);

    public long MaxMicroseconds => Interlocked.Read(ref _max);

    public void Record(long microseconds)
    {
        var value = Math.Clamp(microseconds, 0, (1L << (HighestExponent + 1)) - 1);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _count);
        var max = Interlocked.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The latency that <paramref name="quantile"/> of the recorded ones do not exceed (the bucket's upper edge, at most the maximum).</summary>
    public long Percentile(double quantile)
    {
        var count = Count;
        if (count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * count));
        long seen = 0;
        for (var index = 0; index < _counts.Length; index++)
        {
            seen += Interlocked.Read(ref _counts[index]);
            if (seen >= rank)
            {
                return Math.Min(UpperEdge(index), MaxMicroseconds);
            }
        }

        return MaxMicroseconds;
    }

    private static int IndexOf(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }

        // value in [2^e, 2^(e+1)), e >= 7: its top seven bits, 64..127, pick the sub-bucket.
        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = exponent - 6;
        var sub = (int)(value >> shift) - SubBuckets;
        return Linear + ((exponent - 7) * SubBuckets) + sub;
    }

    private static long UpperEdge(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var exponent = ((index - Linear) / SubBuckets) + 7;
        var sub = (index - Linear) % SubBuckets;
        return ((SubBuckets + sub + 1L) << (exponent - 6)) - 1;
    }
}
