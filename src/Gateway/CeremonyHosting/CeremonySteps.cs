using System.Text.Json.Serialization.Metadata;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies;
using PasskeyGateway.Problems;

namespace PasskeyGateway.CeremonyHosting;

/// <summary>
/// The frame of the ceremony endpoints inside <see cref="CeremonyRunner"/>: the body read as its request type (else
/// <c>invalid-request</c>), the session where the step needs one, and results turned into outcomes — the same step for
/// every ceremony, passkeys, devices and biometric keys alike.
/// </summary>
internal static class CeremonySteps
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
        Func<TRequest, CeremonySession, string, Task<CeremonyOutcome>> step)
        where TRequest : class =>
        runner.RunAsync(context, ceremony, requestType, expected, (request, requester) =>
            context.GatewaySession() is { } session
                ? step(request, session, requester)
                : Task.FromResult(CeremonyOutcome.Failure(ProblemCatalog.AuthenticationRequired, "This ceremony needs a session of this gateway: sign in first.")));

    /// <summary>The options object itself, flat (DESIGN.md §4), or the refusal.</summary>
    public static CeremonyOutcome Options<T>(CeremonyResult<T> result, string? userId, JsonTypeInfo<T> type)
        where T : class =>
        Outcome(result, userId, options => Results.Json(options, type));

    /// <summary>
    /// The step's answer when it succeeded, else the problem of its failure, with the account it concerned:
    /// <paramref name="userId"/> (the session's) when the ceremony runs in one, else the account the result names.
    /// </summary>
    public static CeremonyOutcome Outcome<T>(CeremonyResult<T> result, string? userId, Func<T, IResult> answer, Func<T, string?>? accountOf = null)
        where T : class =>
        result.Succeeded
            ? CeremonyOutcome.Success(answer(result.Value), userId ?? accountOf?.Invoke(result.Value))
            : Failure(result.Failure, userId);

    /// <summary>As <see cref="Outcome{T}"/>, for an answer that needs work of its own (a sign-in records its session).</summary>
    public static async Task<CeremonyOutcome> OutcomeAsync<T>(CeremonyResult<T> result, string? userId, Func<T, Task<IResult>> answer, Func<T, string?>? accountOf = null)
        where T : class =>
        result.Succeeded
            ? CeremonyOutcome.Success(await answer(result.Value), userId ?? accountOf?.Invoke(result.Value))
            : Failure(result.Failure, userId);

    private static CeremonyOutcome Failure(CeremonyFailure failure, string? userId) =>
        CeremonyOutcome.Failure(CeremonyProblems.For(failure.Error), failure.Message, userId ?? failure.UserId);
}
