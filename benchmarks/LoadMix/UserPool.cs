using System.Collections.Concurrent;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// The registered users' authenticators. Each is lent to one sign-in at a time, as a person's is: the software
/// authenticator keeps per-credential state and signs with one key object.
/// </summary>
internal sealed class UserPool
{
    private readonly ConcurrentQueue<SoftwareAuthenticator> _free = new();

    public int Size { get; private set; }

    public void Add(SoftwareAuthenticator authenticator)
    {
        _free.Enqueue(authenticator);
        Size++;
    }

    public bool TryTake(out SoftwareAuthenticator authenticator) => _free.TryDequeue(out authenticator!);

    public void Return(SoftwareAuthenticator authenticator) => _free.Enqueue(authenticator);
}
