namespace PasskeyGateway.Ceremonies.Challenges;

/// <summary>The challenge store cannot be reached; ceremonies answer 503 until it can.</summary>
public sealed class ChallengeStoreUnavailableException : Exception
{
    public ChallengeStoreUnavailableException()
    {
    }

    public ChallengeStoreUnavailableException(string message)
        : base(message)
    {
    }

    public ChallengeStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
