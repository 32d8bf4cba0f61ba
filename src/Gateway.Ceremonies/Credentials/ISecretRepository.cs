namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// Secrets the gateway makes once and keeps in the store, the same for every replica.
/// A role of the credential store (<see cref="ICredentialRepository"/>).
/// </summary>
public interface ISecretRepository
{
    /// <summary>
    /// The secret named <paramref name="name"/>: <paramref name="length"/> random bytes made by the first caller, then
    /// the same for every replica and restart on this store (of replicas making it at once, one insert wins and all
    /// read it). It outlives signing-key rotations, which is what the keys of long-lived derived values need.
    /// </summary>
    Task<byte[]> GetOrCreateSecretAsync(string name, int length, CancellationToken cancellationToken);
}
