namespace PasskeyGateway.Ceremonies.Tests.Infrastructure;

/// <summary>Operations that must really overlap: replicas taking the same value at the same moment.</summary>
internal static class Race
{
    /// <summary>Runs every operation on a thread of its own, all released together, and returns their results in order.</summary>
    public static async Task<T[]> AllAtOnceAsync<T>(IEnumerable<Func<Task<T>>> operations)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = operations.Select(operation => Task.Run(async () =>
        {
            await start.Task;
            return await operation();
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(racers);
    }
}
