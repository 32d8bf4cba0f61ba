using System.Buffers.Text;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Passkeys;
using PasskeyGateway.CeremonyHosting;
using PasskeyGateway.Configuration;
using PasskeyGateway.Endpoints;
using PasskeyGateway.OpenApi;
using PasskeyGateway.Problems;
using PasskeyGateway.Sessions;
using static PasskeyGateway.Problems.ProblemCatalog;

namespace PasskeyGateway.Passkeys;

/// <summary>
/// <c>POST {prefix}/passkeys/registration/options</c> → <c>…/registration</c>, and
/// <c>…/authentication/options</c> → <c>…/authentication</c> (DESIGN.md §4). Options are the WebAuthn Level 3 JSON
/// forms, flat; responses are the <c>PublicKeyCredential.toJSON()</c> object itself, read by the ceremony.
/// </summary>
internal static class PasskeyEndpoints
{
    public static IEndpointRouteBuilder MapPasskeyEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var json = PasskeyJsonContext.Default;
        var group = endpoints.MapGroup(prefix + "/passkeys").AllowAnonymous().WithTags("Passkeys").ProducesProblems(CeremonyProblemSets.Frame);
        group.MapPost("/registration/options", (HttpContext context, CeremonyRunner runner, PasskeyCeremonies ceremonies, GatewayOptions options) =>
            runner.RunAsync(context, Ceremony.PasskeyRegistrationOptions, json.RegistrationOptionsRequest, "{ \"username\", \"displayName\" }", async (request, requester) =>
            {
                var currentUser = context.SelfIssuedUserId();
                return CeremonySteps.Outcome(
                    await ceremonies.BeginRegistrationAsync(request.Username, request.DisplayName, currentUser, options.Accounts.Registration == RegistrationMode.Open, requester, context.RequestAborted),
                    currentUser,
                    OptionsAnswer);
            }))
            .WithName("beginPasskeyRegistration")
            .WithSummary("Creation options for a new account's passkey, or for another passkey of the signed-in user.")
            .ReadsJson<RegistrationOptionsRequest>()
            .Produces<WebAuthnJson.PublicKeyCredentialCreationOptionsJson>()
            .ProducesProblems(RegistrationClosed, UsernameInvalid, UsernameTaken, UsernameNotCurrentUser, AccountDisabled);

        group.MapPost("/registration", (HttpContext context, CeremonyRunner runner, PasskeyCeremonies ceremonies, SignInService signIn, GatewayOptions options) =>
            runner.RunAsync(context, Ceremony.PasskeyRegistration, async (body, _) =>
            {
                var currentUser = context.SelfIssuedUserId();
                var openRegistration = options.Accounts.Registration == RegistrationMode.Open;
                return await CeremonySteps.OutcomeAsync(await ceremonies.CompleteRegistrationAsync(body, currentUser, openRegistration, context.RequestAborted), currentUser, async registration =>
                {
                    var credentialId = Base64Url.EncodeToString(registration.Passkey.CredentialId.Span);
                    if (!registration.AccountCreated)
                    {
                        return Results.Json(new PasskeyAddedAnswer(credentialId, new UserSummary(registration.User.Id, registration.User.Username)), json.PasskeyAddedAnswer);
                    }

                    // DESIGN.md §10: an account-creating registration answers 201 with the sign-in answer plus credentialId.
                    return await SignedInAsync(context, signIn, registration);
                }, registration => registration.User.Id);
            }))
            .WithName("finishPasskeyRegistration")
            .WithSummary("Registers the passkey: 201 with a sign-in answer when it created the account, 200 when it was added to the signed-in one.")
            .ReadsJson<WebAuthnJson.RegistrationResponseJson>()
            .Produces<PasskeyAddedAnswer>()
            .Produces<SignInAnswer>(StatusCodes.Status201Created)
            .ProducesProblems([.. CeremonyProblemSets.NewPasskey, RegistrationClosed, UsernameTaken, UsernameNotCurrentUser, AccountDisabled]);

        group.MapPost("/authentication/options", (HttpContext context, CeremonyRunner runner, PasskeyCeremonies ceremonies) =>
            runner.RunAsync(context, Ceremony.PasskeyAuthenticationOptions, json.AuthenticationOptionsRequest, "{ \"username\", \"reauthenticate\" } or {}", async (request, requester) =>
            {
                // Step-up: the challenge remembers the session that asks; without one it is an ordinary sign-in.
                var reauthenticates = request.Reauthenticate ? context.GatewaySession() : null;
                return CeremonySteps.Outcome(await ceremonies.BeginAuthenticationAsync(request.Username, reauthenticates, requester, context.RequestAborted), userId: null, OptionsAnswer);
            }))
            .WithName("beginPasskeyAuthentication")
            .WithSummary("Request options for a sign-in, username-first or usernameless (the same answer whether the username exists or not); with reauthenticate, signed in, a new sign-in for the current session (step-up).")
            .ReadsJson<AuthenticationOptionsRequest>()
            .Produces<WebAuthnJson.PublicKeyCredentialRequestOptionsJson>();

        group.MapPost("/authentication", (HttpContext context, CeremonyRunner runner, PasskeyCeremonies ceremonies, StepUpSignIn signIn) =>
            runner.RunAsync(context, Ceremony.PasskeyAuthentication, async (body, _) =>
                await CeremonySteps.OutcomeAsync(
                    await ceremonies.CompleteAuthenticationAsync(body, context.RequestAborted),
                    userId: null,
                    async signedIn => Results.Json(await signIn.SignInAsync(context, signedIn), json.SignInAnswer),
                    signedIn => signedIn.User.Id)))
            .WithName("finishPasskeyAuthentication")
            .WithSummary("Signs in with the passkey's assertion: a sign-in answer and the session cookie. A step-up keeps the session's id with a new auth_time; another user's passkey ends that session and starts a new one.")
            .ReadsJson<WebAuthnJson.AuthenticationResponseJson>()
            .Produces<SignInAnswer>()
            .ProducesProblems(CeremonyProblemSets.PasskeyAssertion);

        return endpoints;
    }

    /// <summary>A registration that signs in (a new account, an enrollment): <c>201</c>, the sign-in answer with the passkey's id.</summary>
    public static async Task<IResult> SignedInAsync(HttpContext context, SignInService signIn, PasskeyRegistration registration)
    {
        var identity = signIn.Passkey(registration.User, registration.Passkey, registration.UserVerified);
        var answer = await signIn.SignInAsync(context, identity) with { CredentialId = Base64Url.EncodeToString(registration.Passkey.CredentialId.Span) };
        return Results.Json(answer, PasskeyJsonContext.Default.SignInAnswer, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The WebAuthn L3 options JSON as Fido2 wrote it, flat.</summary>
    private static IResult OptionsAnswer(PasskeyOptionsJson options) => Results.Text(options.Json, "application/json");
}
