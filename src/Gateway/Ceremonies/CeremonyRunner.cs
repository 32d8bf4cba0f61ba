using System.Diagnostics;
using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Configuration;
using PasskeyGateway.Observability;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Ceremonies;

/// <summary>
/// The frame of every ceremony endpoint: read the JSON body within the limit, run the step, answer its result or
/// problem, count it, trace it, and append it to the audit trail. A challenge store outage is a fast 503.
/// </summary>
internal sealed partial class CeremonyRunner(
    ProblemWriter problems,
    GatewayMetrics metrics,
    AuditTrail audit,
    GatewayOptions options,
    TimeProvider timeProvider,
    ILogger<CeremonyRunner> logger)
{
    private static readonly ActivitySource Source = new(GatewayObservability.ActivitySourceName);

    public async Task RunAsync(HttpContext context, string ceremony, Func<byte[], Task<CeremonyOutcome>> step)
    {
        var started = timeProvider.GetTimestamp();
        using var activity = Source.StartActivity("ceremony " + ceremony);
        activity?.SetTag("gateway.ceremony", ceremony);

        CeremonyOutcome outcome;
        var (body, bodyProblem) = await CeremonyRequest.ReadJsonBodyAsync(context, options.Limits.MaxCeremonyBodyBytes);
        if (bodyProblem is not null)
        {
            outcome = CeremonyOutcome.Failure(bodyProblem);
        }
        else
        {
            try
            {
                outcome = await step(body!);
            }
            catch (ChallengeStoreUnavailableException e)
            {
                Log.ChallengeStoreUnavailable(logger, ceremony, e.Message);
                metrics.ChallengeStoreError();
                outcome = CeremonyOutcome.Failure(ProblemCatalog.ChallengeStoreUnavailable);
            }
        }

        activity?.SetTag("gateway.ceremony.outcome", outcome.Label);
        metrics.Ceremony(ceremony, outcome.Label, timeProvider.GetElapsedTime(started));
        await audit.RecordAsync(context, ceremony, outcome.Label, outcome.UserId, outcome.Detail);
        if (outcome.Problem is { } problem)
        {
            Log.CeremonyRefused(logger, ceremony, problem.Code);
            context.Response.Headers.CacheControl = "no-store";
            await problems.WriteAsync(context, problem, outcome.Detail);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await outcome.Result!.ExecuteAsync(context);
    }

    private static partial class Log
    {
        [LoggerMessage(9001, LogLevel.Debug, "Ceremony {Ceremony} refused: {Code}.")]
        public static partial void CeremonyRefused(ILogger logger, string ceremony, string code);

        [LoggerMessage(9002, LogLevel.Warning, "Ceremony {Ceremony} failed: the challenge store is unavailable ({Reason}).")]
        public static partial void ChallengeStoreUnavailable(ILogger logger, string ceremony, string reason);
    }
}
