using PasskeyGateway.Ceremonies;
using PasskeyGateway.Ceremonies.Biometrics;
using PasskeyGateway.Keys;
using PasskeyGateway.Sessions;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Biometrics;

/// <summary>
/// <c>POST {prefix}/biometrics/registration/options</c> → <c>…/registration</c> (in a session) and
/// <c>…/authentication/options</c> → <c>…/authentication</c> (a sign-in) (DESIGN.md §4, §10).
/// </summary>
internal static class BiometricEndpoints
{
    public static IEndpointRouteBuilder MapBiometricEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix + "/biometrics").AllowAnonymous();
        group.MapPost("/registration/options", (HttpContext context, CeremonyRunner runner, BiometricCeremonies ceremonies) =>
            runner.RunInSessionAsync(context, Ceremony.BiometricRegistrationOptions, KeyJsonContext.Default.EmptyRequest, "{}", async (_, session, requester) =>
                KeyCeremonySteps.Options(await ceremonies.BeginRegistrationAsync(session, requester, context.RequestAborted), session.UserId)));

        group.MapPost("/registration", (HttpContext context, CeremonyRunner runner, BiometricCeremonies ceremonies) =>
            runner.RunInSessionAsync(
                context,
                Ceremony.BiometricRegistration,
                KeyJsonContext.Default.BiometricRegistrationRequest,
                "{ \"keyId\", \"publicKey\", \"algorithm\", \"signatureFormat\", \"deviceId\", \"clientData\", \"signature\", \"deviceSignature\" }",
                async (request, session, _) => KeyCeremonySteps.Outcome(
                    await ceremonies.CompleteRegistrationAsync(request, session, context.RequestAborted),
                    session.UserId,
                    key => Results.Json(new BiometricKeyAnswer(key.KeyId), KeyJsonContext.Default.BiometricKeyAnswer, statusCode: StatusCodes.Status201Created))));

        group.MapPost("/authentication/options", (HttpContext context, CeremonyRunner runner, BiometricCeremonies ceremonies) =>
            runner.RunAsync(context, Ceremony.BiometricAuthenticationOptions, KeyJsonContext.Default.BiometricAuthenticationOptionsRequest, "{ \"username\" } or { \"keyId\" }", async (request, requester) =>
                KeyCeremonySteps.Options(await ceremonies.BeginAuthenticationAsync(request.Username, request.KeyId, requester, context.RequestAborted), userId: null)));

        group.MapPost("/authentication", (HttpContext context, CeremonyRunner runner, BiometricCeremonies ceremonies, SignInService signIn, TimeProvider time) =>
            runner.RunAsync(
                context,
                Ceremony.BiometricAuthentication,
                KeyJsonContext.Default.BiometricAuthenticationRequest,
                "{ \"keyId\", \"clientData\", \"signature\", \"deviceId\", \"deviceSignature\" }",
                async (request, _) =>
                {
                    var result = await ceremonies.CompleteAuthenticationAsync(request, context.RequestAborted);
                    return KeyCeremonySteps.Outcome(result, result.Value?.User.Id, signedIn =>
                    {
                        // DESIGN.md §5, §10: amr hwk, user, mfa; cred_id the key; device_id when a device countersigned.
                        var identity = new SignInIdentity(signedIn.User.Id, signedIn.User.Username, "biometric", SignInService.BiometricAmr, TokenIssuer.NewId(), time.GetUtcNow())
                        {
                            CredentialId = signedIn.Key.KeyId,
                            DeviceId = signedIn.DeviceId,
                            UserVerified = true,
                            ExtraClaims = SignInService.RoleClaims(signedIn.User),
                        };
                        return Results.Json(signIn.SignIn(context, identity), KeyJsonContext.Default.SignInAnswer);
                    });
                }));

        return endpoints;
    }
}
