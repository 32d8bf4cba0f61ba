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

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _authDecisions = meter.CreateCounter<long>("gateway.auth.decisions", description: "Authorization decisions per route.");
        _tokenValidations = meter.CreateCounter<long>("gateway.token.validations", description: "Token validations by source, result and cache use.");
    }

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
        _ => "forbidden",
    };
}
