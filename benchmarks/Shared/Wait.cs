using System.Diagnostics;

namespace PasskeyGateway.Benchmarks;

/// <summary>Waits on a condition with a timeout instead of sleeping for a guessed time (the tests' Eventually, without xunit).</summary>
internal static class Wait
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}.");
            }

            await Task.Delay(PollInterval);
        }
    }
}
