using System.Diagnostics.Metrics;

namespace PasskeyGateway.Observability;

/// <summary>
/// The gateway's meter. Tags are low-cardinality by construction: route ids from config, fixed decision and outcome
/// names, never a user, token, path or address (DESIGN.md §10).
/// </summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "PasskeyGateway";

    private readonly Counter<long> _authDecisions;
    private readonly Counter<long> _tokenValidations;
    private readonly Counter<long> _ceremonies;
    private readonly Histogram<double> _ceremonyDuration;
    private readonly Counter<long> _revocations;
    private readonly Counter<long> _lateAcknowledgements;
    private readonly Counter<long> _challengeStoreErrors;
    private readonly Histogram<double> _redisPing;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _liveExchangesEnded;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _authDecisions = meter.CreateCounter<long>("gateway.auth.decisions", description: "Authorization decisions per route.");
        _tokenValidations = meter.CreateCounter<long>("gateway.token.validations", description: "Token validations by source, result and cache use.");
        _ceremonies = meter.CreateCounter<long>("gateway.ceremonies", description: "Ceremony requests by ceremony and outcome (success or a problem code).");
        _ceremonyDuration = meter.CreateHistogram<double>(
            "gateway.ceremony.duration",
            unit: "s",
            description: "Time to answer a ceremony request.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _revocations = meter.CreateCounter<long>("gateway.revocations", description: "Revocations made, by kind.");
        _lateAcknowledgements = meter.CreateCounter<long>(
            "gateway.revocation.acknowledgements.late",
            description: "Live replicas that had not acknowledged a revocation when the revoking request stopped waiting for them.");
        _challengeStoreErrors = meter.CreateCounter<long>("gateway.challenge_store.errors", description: "Ceremony requests refused because the challenge store was unreachable.");
        _rateLimited = meter.CreateCounter<long>("gateway.rate_limited", description: "Ceremony requests answered 429, by the limit they hit.");
        _liveExchangesEnded = meter.CreateCounter<long>("gateway.live_exchanges.ended", description: "Open WebSockets and event streams the gateway ended, by kind and reason.");
        _redisPing = meter.CreateHistogram<double>(
            "gateway.redis.ping.duration",
            unit: "s",
            description: "Round trip of a PING to Redis, sampled every 10 s.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
    }

    public void Ceremony(string ceremony, string outcome, TimeSpan duration)
    {
        _ceremonies.Add(1, new KeyValuePair<string, object?>("ceremony", ceremony), new KeyValuePair<string, object?>("outcome", outcome));
        _ceremonyDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("ceremony", ceremony));
    }

    public void Revocation(string kind) => _revocations.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void RevocationAcknowledgementsLate(int replicas) => _lateAcknowledgements.Add(replicas);

    public void ChallengeStoreError() => _challengeStoreErrors.Add(1);

    /// <param name="limit"><c>ceremonies</c>, <c>client_failures</c> or <c>account_failures</c>.</param>
    public void RateLimited(string limit) => _rateLimited.Add(1, new KeyValuePair<string, object?>("limit", limit));

    /// <param name="kind"><c>websocket</c>, <c>event_stream</c> or <c>upgrade</c>.</param>
    /// <param name="reason"><c>revoked</c> or <c>expired</c>.</param>
    public void LiveExchangeEnded(string kind, string reason) =>
        _liveExchangesEnded.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason));

    public void RedisPing(TimeSpan latency) => _redisPing.Record(latency.TotalSeconds);

    public void AuthDecision(string route, AuthDecision decision) =>
        _authDecisions.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("decision", DecisionName(decision)));

    public void TokenValidation(string source, string result, bool cacheHit) =>
        _tokenValidations.Add(
            1,
            new KeyValuePair<string, object?>("source", source),
            new KeyValuePair<string, object?>("result", result),
            new KeyValuePair<string, object?>("cache", cacheHit ? "hit" : "miss"));

    private static string DecisionName(AuthDecision decision) => decision switch
    {
        Observability.AuthDecision.Allow => "allow",
        Observability.AuthDecision.Unauthenticated => "unauthenticated",
        Observability.AuthDecision.Redirect => "redirect",
        Observability.AuthDecision.StepUp => "step_up",
        _ => "forbidden",
    };
}
