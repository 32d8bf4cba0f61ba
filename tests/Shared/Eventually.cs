using System.Diagnostics;

namespace PasskeyGateway.Testing;

/// <summary>Waits on a condition with a timeout, instead of sleeping for a guessed time.</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Calls <paramref name="attempt"/> until it returns a value, or fails the test after <paramref name="timeout"/>,
    /// with what <paramref name="detail"/> says of the state at that moment.
    /// </summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> attempt, TimeSpan timeout, string what, Func<Task<string>>? detail = null)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await attempt() is { } value)
            {
                return value;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"{what} did not happen within {timeout}.{(detail is null ? "" : " " + await detail())}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Calls <paramref name="condition"/> until it holds, or fails the test after <paramref name="timeout"/>.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<Task<string>>? detail = null) =>
        GetAsync<object>(async () => await condition() ? condition : null, timeout, what, detail);
}
