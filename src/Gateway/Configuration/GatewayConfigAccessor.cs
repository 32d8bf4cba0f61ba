using Microsoft.Extensions.Primitives;

namespace PasskeyGateway.Configuration;

/// <summary>
/// The live snapshot, for the per-request readers (policy provider, header scrubber, proxy config). Kept apart from
/// <see cref="GatewayConfigMonitor"/>, which needs YARP's validator, which needs the policy provider.
/// </summary>
internal sealed class GatewayConfigAccessor
{
    private State? _state;

    public GatewayConfigSnapshot Current => CurrentState.Snapshot;

    /// <summary>The snapshot together with the token that fires when it is replaced, read atomically.</summary>
    public State CurrentState => Volatile.Read(ref _state) ?? throw new InvalidOperationException("The gateway configuration has not been loaded yet.");

    internal void Publish(State state) => Volatile.Write(ref _state, state);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A CancellationTokenSource without a timer holds nothing to release; its token must outlive the state for late YARP registrations.")]
    internal sealed class State
    {
        private readonly CancellationTokenSource _replaced = new();

        public State(GatewayConfigSnapshot snapshot)
        {
            Snapshot = snapshot;
            Replaced = new CancellationChangeToken(_replaced.Token);
        }

        public GatewayConfigSnapshot Snapshot { get; }

        /// <summary>Fires when a newer snapshot replaces this one.</summary>
        public IChangeToken Replaced { get; }

        internal void Signal() => _replaced.Cancel();
    }
}
