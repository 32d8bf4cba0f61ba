using System.Buffers.Text;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies;
using PasskeyGateway.Ceremonies.Passkeys;
using PasskeyGateway.Endpoints;
using PasskeyGateway.Problems;
using PasskeyGateway.Sessions;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Passkeys;

/// <summary>
/// <c>POST {prefix}/passkeys/registration/options</c> → <c>…/registration</c>, and
/// <c>…/authentication/options</c> → <c>…/authentication</c> (DESIGN.md §4). Options are the WebAuthn Level 3 JSON
/// forms, flat; responses are the <c>PublicKeyCredential.toJSON()</c> object itself.
/// </summary>
internal static class PasskeyEndpoints
{
    public static IEndpointRouteBuilder MapPasskeyEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix + "/passkeys").AllowAnonymous();
        group.MapPost("/registration/options", (HttpContext context, CeremonyRunner runner, PasskeyCeremonies ceremonies) =>
            runner.RunAsync(context, Ceremony.PasskeyRegistrationOptions, async (body, requester) =>
            {
                if (CeremonyRequest.Deserialize(body, PasskeyJsonContext.Default.RegistrationOptionsRequest) is not { } request)
                {
                    return CeremonyOutcome.Failure(ProblemCatalog.InvalidRequest, "Expected { \"username\", \"displayName\" }.");
                }

                var currentUser = CurrentSelfIssuedUser(context);
                var result = await ceremonies.BeginRegistrationAsync(request.Username, request.DisplayName, currentUser, requester, context.RequestAborted);
                return result.Succeeded
                    ? CeremonyOutcome.Success(Results.Text(result.Value.OptionsJson, "application/json"), currentUser)
                    : CeremonyOutcome.Failure(PasskeyProblems.For(result.Failure.Error), result.Failure.Message, currentUser);
            }));

        group.MapPost("/registration", (HttpContext context, CeremonyRunner runner, PasskeyCeremonies ceremonies, SignInService signIn, TimeProvider time) =>
            runner.RunAsync(context, Ceremony.PasskeyRegistration, async (body, _) =>
            {
                var result = await ceremonies.CompleteRegistrationAsync(body, CurrentSelfIssuedUser(context), context.RequestAborted);
                if (!result.Succeeded)
                {
                    return CeremonyOutcome.Failure(PasskeyProblems.For(result.Failure.Error), result.Failure.Message, CurrentSelfIssuedUser(context));
                }

                var registration = result.Value;
                var credentialId = Base64Url.EncodeToString(registration.Passkey.CredentialId.Span);
                if (!registration.AccountCreated)
                {
                    return CeremonyOutcome.Success(
                        Results.Json(new PasskeyAddedAnswer(credentialId, new UserSummary(registration.User.Id, registration.User.Username)), PasskeyJsonContext.Default.PasskeyAddedAnswer),
                        registration.User.Id);
                }

                // DESIGN.md §10: an account-creating registration answers 201 with the sign-in answer plus credentialId.
                var identity = PasskeyIdentity(registration.User, registration.Passkey, registration.UserVerified, time.GetUtcNow());
                var answer = signIn.SignIn(context, identity) with { CredentialId = credentialId };
                return CeremonyOutcome.Success(Results.Json(answer, PasskeyJsonContext.Default.SignInAnswer, statusCode: StatusCodes.Status201Created), registration.User.Id);
            }));

        group.MapPost("/authentication/options", (HttpContext context, CeremonyRunner runner, PasskeyCeremonies ceremonies) =>
            runner.RunAsync(context, Ceremony.PasskeyAuthenticationOptions, async (body, requester) =>
            {
                if (CeremonyRequest.Deserialize(body, PasskeyJsonContext.Default.AuthenticationOptionsRequest) is not { } request)
                {
                    return CeremonyOutcome.Failure(ProblemCatalog.InvalidRequest, "Expected { \"username\" } or {}.");
                }

                var result = await ceremonies.BeginAuthenticationAsync(request.Username, requester, context.RequestAborted);
                return result.Succeeded
                    ? CeremonyOutcome.Success(Results.Text(result.Value.OptionsJson, "application/json"))
                    : CeremonyOutcome.Failure(PasskeyProblems.For(result.Failure.Error), result.Failure.Message);
            }));

        group.MapPost("/authentication", (HttpContext context, CeremonyRunner runner, PasskeyCeremonies ceremonies, SignInService signIn, TimeProvider time) =>
            runner.RunAsync(context, Ceremony.PasskeyAuthentication, async (body, _) =>
            {
                var result = await ceremonies.CompleteAuthenticationAsync(body, context.RequestAborted);
                if (!result.Succeeded)
                {
                    return CeremonyOutcome.Failure(PasskeyProblems.For(result.Failure.Error), result.Failure.Message, result.Failure.UserId);
                }

                var signedIn = result.Value;
                var identity = PasskeyIdentity(signedIn.User, signedIn.Passkey, signedIn.Assertion.UserVerified, time.GetUtcNow());
                return CeremonyOutcome.Success(Results.Json(signIn.SignIn(context, identity), PasskeyJsonContext.Default.SignInAnswer), signedIn.User.Id);
            }));

        return endpoints;
    }

    /// <summary>The tokens of a passkey sign-in (DESIGN.md §5, §10: amr hwk|swk, user, mfa when user-verified).</summary>
    private static SignInIdentity PasskeyIdentity(Ceremonies.Credentials.UserAccount user, Ceremonies.Credentials.Passkey passkey, bool userVerified, DateTimeOffset now) =>
        new(user.Id, user.Username, "passkey", SignInService.PasskeyAmr(passkey.BackupEligible, userVerified), TokenIssuer.NewId(), now)
        {
            CredentialId = Base64Url.EncodeToString(passkey.CredentialId.Span),
            UserVerified = userVerified,
            ExtraClaims = SignInService.RoleClaims(user),
        };

    /// <summary>The signed-in user, when the session is the gateway's own (external tokens cannot add passkeys).</summary>
    private static string? CurrentSelfIssuedUser(HttpContext context) =>
        context.Features.Get<GatewayAuthenticationFeature>()?.Token is { IsSelfIssued: true } token ? token.RevocationKeys!.Value.Subject : null;
}
