namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>
/// What became of a revocation's announcement: how many other live replicas were waited for, and how many of them had
/// not acknowledged it when the wait ended. Both are 0 without Redis, or when no other replica is live.
/// </summary>
public readonly record struct RevocationDelivery(int Awaited, int Late)
{
    public static RevocationDelivery Local => default;
}
