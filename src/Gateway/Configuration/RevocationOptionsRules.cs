namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:Revocations</c>.</summary>
internal static class RevocationOptionsRules
{
    /// <summary>Below this a replica on a healthy Redis could count as stale between two reads of the store.</summary>
    private static readonly TimeSpan ShortestStaleness = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan LongestAcknowledgementWait = TimeSpan.FromSeconds(30);

    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var revocations = options.Revocations;
        ConfigRules.RequirePositive(revocations.AcknowledgementTimeout, "Gateway.Revocations.AcknowledgementTimeout", problems);
        if (revocations.AcknowledgementTimeout > LongestAcknowledgementWait)
        {
            problems.Add(ConfigProblem.Error("Gateway.Revocations.AcknowledgementTimeout", "at most 00:00:30: a sign-out waits this long for a replica that does not answer."));
        }

        if (revocations.MaxStaleness < ShortestStaleness)
        {
            problems.Add(ConfigProblem.Error("Gateway.Revocations.MaxStaleness", "at least 00:00:05: a replica reads the store's revocations every 5 s while Redis is away."));
        }
    }
}
