using System.Text.Json.Serialization.Metadata;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies;
using PasskeyGateway.Ceremonies.Keys;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Keys;

/// <summary>
/// The frame of the device and biometric-key endpoints inside <see cref="CeremonyRunner"/>: the body read as its
/// request type (else <c>invalid-request</c>), the session where the step needs one, and results turned into outcomes.
/// </summary>
internal static class KeyCeremonySteps
{
    public static Task RunAsync<TRequest>(
        this CeremonyRunner runner,
        HttpContext context,
        Ceremony ceremony,
        JsonTypeInfo<TRequest> requestType,
        string expected,
        Func<TRequest, string, Task<CeremonyOutcome>> step)
        where TRequest : class =>
        runner.RunAsync(context, ceremony, (body, requester) => CeremonyRequest.Deserialize(body, requestType) is { } request
            ? step(request, requester)
            : Task.FromResult(CeremonyOutcome.Failure(ProblemCatalog.InvalidRequest, "Expected " + expected + ".")));

    /// <summary>
    /// As <see cref="RunAsync{TRequest}"/>, in the caller's session: only the gateway's own tokens, with a session id,
    /// may bind devices, verify them or register keys (an external token carries no session the gateway could raise).
    /// </summary>
    public static Task RunInSessionAsync<TRequest>(
        this CeremonyRunner runner,
        HttpContext context,
        Ceremony ceremony,
        JsonTypeInfo<TRequest> requestType,
        string expected,
        Func<TRequest, KeySession, string, Task<CeremonyOutcome>> step)
        where TRequest : class =>
        runner.RunAsync(context, ceremony, requestType, expected, (request, requester) =>
            context.Features.Get<GatewayAuthenticationFeature>()?.Token is { RevocationKeys: { SessionId: { Length: > 0 } sessionId } keys }
                ? step(request, new KeySession(keys.Subject, sessionId), requester)
                : Task.FromResult(CeremonyOutcome.Failure(ProblemCatalog.AuthenticationRequired, "This ceremony needs a session of this gateway: sign in first.")));

    /// <summary>The options object itself, flat (DESIGN.md §4), or the refusal.</summary>
    public static CeremonyOutcome Options(KeyCeremonyResult<KeyOptions> result, string? userId) =>
        Outcome(result, userId, options => Results.Json(options, KeyJsonContext.Default.KeyOptions));

    public static CeremonyOutcome Outcome<T>(KeyCeremonyResult<T> result, string? userId, Func<T, IResult> answer)
        where T : class =>
        result.Succeeded
            ? CeremonyOutcome.Success(answer(result.Value), userId)
            : CeremonyOutcome.Failure(KeyProblems.For(result.Failure.Error), result.Failure.Message, userId ?? result.Failure.UserId);
}
