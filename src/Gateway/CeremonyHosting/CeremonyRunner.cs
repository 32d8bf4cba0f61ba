using System.Diagnostics;
using System.Globalization;
using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Configuration;
using PasskeyGateway.Observability;
using PasskeyGateway.Problems;
using PasskeyGateway.RateLimiting;

namespace PasskeyGateway.CeremonyHosting;

/// <summary>
/// The frame of every ceremony endpoint: admit the request under the client's rate limits, read the JSON body within
/// the limit, run the step, answer its result or problem, count it, trace it, and append a finish's outcome to the
/// audit trail (options change nothing and are not audited). A challenge store outage is a fast 503.
/// </summary>
internal sealed partial class CeremonyRunner(
    ProblemWriter problems,
    GatewayMetrics metrics,
    AuditTrail audit,
    CeremonyRateLimiter rateLimiter,
    GatewayOptions options,
    StoreOutageLog outages,
    TimeProvider timeProvider,
    ILogger<CeremonyRunner> logger)
{
    private static readonly ActivitySource Source = new(GatewayObservability.ActivitySourceName);

    public async Task RunAsync(HttpContext context, Ceremony ceremony, Func<byte[], string, Task<CeremonyOutcome>> step)
    {
        var started = timeProvider.GetTimestamp();
        using var activity = Source.StartActivity("ceremony " + ceremony.Name);
        activity?.SetTag("gateway.ceremony", ceremony.Name);

        var client = ClientPartition.Of(context);
        var outcome = await RunStepAsync(context, ceremony, client, step);
        if (ceremony.IsFinish && IsClientFailure(outcome)
            && await rateLimiter.RecordFailureAsync(client, outcome.UserId, context.RequestAborted) is { } wait)
        {
            outcome = CeremonyOutcome.RateLimited(wait, outcome.UserId);
        }

        activity?.SetTag("gateway.ceremony.outcome", outcome.Label);
        metrics.Ceremony(ceremony.Name, outcome.Label, timeProvider.GetElapsedTime(started));
        if (ceremony.IsFinish && outcome.RetryAfter is null)
        {
            await audit.RecordAsync(context, ceremony.Name, outcome.Label, outcome.UserId, outcome.Detail);
        }

        if (outcome.Problem is { } problem)
        {
            Log.CeremonyRefused(logger, ceremony.Name, problem.Code);
            if (outcome.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            await problems.WriteAsync(context, problem, outcome.Detail);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await outcome.Result!.ExecuteAsync(context);
    }

    private async Task<CeremonyOutcome> RunStepAsync(HttpContext context, Ceremony ceremony, string client, Func<byte[], string, Task<CeremonyOutcome>> step)
    {
        if (await rateLimiter.AdmitAsync(ceremony, client, context.RequestAborted) is { } wait)
        {
            return CeremonyOutcome.RateLimited(wait, userId: null);
        }

        var (body, bodyProblem) = await CeremonyRequest.ReadJsonBodyAsync(context, options.Limits.MaxCeremonyBodyBytes);
        if (bodyProblem is not null)
        {
            return CeremonyOutcome.Failure(bodyProblem);
        }

        try
        {
            return await step(body!, client);
        }
        catch (ChallengeStoreUnavailableException e)
        {
            outages.ChallengeStoreRefused(e.Message);
            metrics.ChallengeStoreError();
            return CeremonyOutcome.Failure(ProblemCatalog.ChallengeStoreUnavailable);
        }
    }

    /// <summary>A refusal the client caused (4xx), as opposed to the gateway being unable to serve (503) or a limit (429).</summary>
    private static bool IsClientFailure(CeremonyOutcome outcome) =>
        outcome is { Problem.Status: >= 400 and < 500, RetryAfter: null };

    private static partial class Log
    {
        [LoggerMessage(9001, LogLevel.Debug, "Ceremony {Ceremony} refused: {Code}.")]
        public static partial void CeremonyRefused(ILogger logger, string ceremony, string code);
    }
}
