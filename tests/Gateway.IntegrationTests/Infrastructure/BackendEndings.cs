using System.Collections.Concurrent;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>The ends a backend recorded, by the exchange's <c>id</c>; awaited by the test before or after they happen.</summary>
internal sealed class BackendEndings
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<BackendEnding>> _endings = new(StringComparer.Ordinal);

    public Task<BackendEnding> For(string id) => Slot(id).Task;

    /// <summary>The first end counts; an exchange without an id is not recorded.</summary>
    public void Record(string id, BackendEnding ending)
    {
        if (id.Length > 0)
        {
            Slot(id).TrySetResult(ending);
        }
    }

    private TaskCompletionSource<BackendEnding> Slot(string id) =>
        _endings.GetOrAdd(id, _ => new TaskCompletionSource<BackendEnding>(TaskCreationOptions.RunContinuationsAsynchronously));
}
