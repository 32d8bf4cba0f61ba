using PasskeyGateway.Ceremonies.Biometrics;
using PasskeyGateway.Ceremonies.ClientKeys;
using PasskeyGateway.CeremonyHosting;
using PasskeyGateway.OpenApi;
using PasskeyGateway.Problems;
using PasskeyGateway.Sessions;

namespace PasskeyGateway.Biometrics;

/// <summary>
/// <c>POST {prefix}/biometrics/registration/options</c> → <c>…/registration</c> (in a session) and
/// <c>…/authentication/options</c> → <c>…/authentication</c> (a sign-in) (DESIGN.md §4, §10).
/// </summary>
internal static class BiometricEndpoints
{
    public static IEndpointRouteBuilder MapBiometricEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var json = BiometricJsonContext.Default;
        var group = endpoints.MapGroup(prefix + "/biometrics").AllowAnonymous().WithTags("Biometrics").ProducesProblems(CeremonyProblemSets.Frame);
        group.MapPost("/registration/options", (HttpContext context, CeremonyRunner runner, BiometricCeremonies ceremonies) =>
            runner.RunInSessionAsync(context, Ceremony.BiometricRegistrationOptions, json.EmptyRequest, "{}", async (_, session, requester) =>
                CeremonySteps.Options(await ceremonies.BeginRegistrationAsync(session, requester, context.RequestAborted), session.UserId, json.ClientKeyOptions)))
            .WithName("beginBiometricRegistration")
            .WithSummary("A challenge for registering a biometric key of the signed-in user: the key signs a biometric.register client data document.")
            .ReadsJson<EmptyRequest>()
            .Produces<ClientKeyOptions>()
            .ProducesProblems([.. CeremonyProblemSets.InSession, ProblemCatalog.AccountDisabled]);

        group.MapPost("/registration", (HttpContext context, CeremonyRunner runner, BiometricCeremonies ceremonies) =>
            runner.RunInSessionAsync(
                context,
                Ceremony.BiometricRegistration,
                json.BiometricRegistrationRequest,
                "{ \"keyId\", \"publicKey\", \"algorithm\", \"signatureFormat\", \"deviceId\", \"clientData\", \"signature\", \"deviceSignature\" }",
                async (request, session, _) => CeremonySteps.Outcome(
                    await ceremonies.CompleteRegistrationAsync(request, session, context.RequestAborted),
                    session.UserId,
                    key => Results.Json(new BiometricKeyAnswer(key.KeyId), json.BiometricKeyAnswer, statusCode: StatusCodes.Status201Created))))
            .WithName("finishBiometricRegistration")
            .WithSummary("Registers the biometric key that signed the challenge, tied to a bound device (which countersigns) when deviceId is given.")
            .ReadsJson<BiometricRegistrationRequest>()
            .Produces<BiometricKeyAnswer>(StatusCodes.Status201Created)
            .ProducesProblems(
            [
                .. CeremonyProblemSets.InSession, .. CeremonyProblemSets.NewPublicKey, .. CeremonyProblemSets.SignedClientData,
                .. CeremonyProblemSets.BoundDevice, ProblemCatalog.DeviceSignatureRequired, ProblemCatalog.AccountDisabled,
                ProblemCatalog.CredentialExists,
            ]);

        group.MapPost("/authentication/options", (HttpContext context, CeremonyRunner runner, BiometricCeremonies ceremonies) =>
            runner.RunAsync(context, Ceremony.BiometricAuthenticationOptions, json.BiometricAuthenticationOptionsRequest, "{ \"username\" } or { \"keyId\" }", async (request, requester) =>
                CeremonySteps.Options(await ceremonies.BeginAuthenticationAsync(request.Username, request.KeyId, requester, context.RequestAborted), userId: null, json.ClientKeyOptions)))
            .WithName("beginBiometricAuthentication")
            .WithSummary("A challenge for a biometric sign-in: by username (with the user's active key ids, empty for an unknown user) or by key id.")
            .ReadsJson<BiometricAuthenticationOptionsRequest>()
            .Produces<ClientKeyOptions>();

        group.MapPost("/authentication", (HttpContext context, CeremonyRunner runner, BiometricCeremonies ceremonies, SignInService signIn) =>
            runner.RunAsync(
                context,
                Ceremony.BiometricAuthentication,
                json.BiometricAuthenticationRequest,
                "{ \"keyId\", \"clientData\", \"signature\", \"deviceId\", \"deviceSignature\" }",
                async (request, _) => await CeremonySteps.OutcomeAsync(
                    await ceremonies.CompleteAuthenticationAsync(request, context.RequestAborted),
                    userId: null,
                    async signedIn => Results.Json(await signIn.SignInAsync(context, signIn.Biometric(signedIn)), json.SignInAnswer),
                    signedIn => signedIn.User.Id)))
            .WithName("finishBiometricAuthentication")
            .WithSummary("Signs in with the biometric key's signature (and its device's countersignature where it is tied to one).")
            .ReadsJson<BiometricAuthenticationRequest>()
            .Produces<SignInAnswer>()
            .ProducesProblems(
            [
                .. CeremonyProblemSets.SignedClientData, ProblemCatalog.CredentialUnknown, ProblemCatalog.CredentialUserMismatch,
                ProblemCatalog.CredentialRevoked, ProblemCatalog.DeviceSignatureRequired, .. CeremonyProblemSets.BoundDevice,
                ProblemCatalog.AccountDisabled,
            ]);

        return endpoints;
    }
}
