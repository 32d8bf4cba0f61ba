using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.ClientKeys;
using PasskeyGateway.Ceremonies.Devices;
using PasskeyGateway.CeremonyHosting;
using PasskeyGateway.OpenApi;
using PasskeyGateway.Problems;
using PasskeyGateway.Sessions;

namespace PasskeyGateway.Devices;

/// <summary>
/// <c>POST {prefix}/devices/binding/options</c> → <c>…/binding</c>, <c>…/verification/options</c> →
/// <c>…/verification</c> (DESIGN.md §4, §10), and <c>GET {prefix}/device.js</c>, the browser script that runs them.
/// Every step needs a session of the gateway; a verification raises it with <c>device_id</c>.
/// </summary>
internal static class DeviceEndpoints
{
    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var json = DeviceJsonContext.Default;
        var group = endpoints.MapGroup(prefix + "/devices").AllowAnonymous().WithTags("Devices")
            .ProducesProblems([.. CeremonyProblemSets.Frame, .. CeremonyProblemSets.InSession]);
        group.MapPost("/binding/options", (HttpContext context, CeremonyRunner runner, DeviceCeremonies ceremonies) =>
            runner.RunInSessionAsync(context, Ceremony.DeviceBindingOptions, json.EmptyRequest, "{}", async (_, session, requester) =>
                CeremonySteps.Options(await ceremonies.BeginBindingAsync(session, requester, context.RequestAborted), session.UserId, json.ClientKeyOptions)))
            .WithName("beginDeviceBinding")
            .WithSummary("A challenge for binding a device key to the signed-in user: the key signs a device.bind client data document.")
            .ReadsJson<EmptyRequest>()
            .Produces<ClientKeyOptions>()
            .ProducesProblems(ProblemCatalog.AccountDisabled);

        group.MapPost("/binding", (HttpContext context, CeremonyRunner runner, DeviceCeremonies ceremonies) =>
            runner.RunInSessionAsync(
                context,
                Ceremony.DeviceBinding,
                json.DeviceBindingRequest,
                "{ \"deviceKeyId\", \"publicKey\", \"algorithm\", \"signatureFormat\", \"name\", \"platform\", \"clientData\", \"signature\" }",
                async (request, session, _) => CeremonySteps.Outcome(
                    await ceremonies.CompleteBindingAsync(request, session, context.RequestAborted),
                    session.UserId,
                    device => Results.Json(new DeviceBoundAnswer(device.DeviceId), json.DeviceBoundAnswer, statusCode: StatusCodes.Status201Created))))
            .WithName("finishDeviceBinding")
            .WithSummary("Binds the device key that signed the challenge; the gateway assigns the device id.")
            .ReadsJson<DeviceBindingRequest>()
            .Produces<DeviceBoundAnswer>(StatusCodes.Status201Created)
            .ProducesProblems([.. CeremonyProblemSets.NewPublicKey, .. CeremonyProblemSets.SignedClientData, ProblemCatalog.AccountDisabled, ProblemCatalog.DeviceExists]);

        group.MapPost("/verification/options", (HttpContext context, CeremonyRunner runner, DeviceCeremonies ceremonies) =>
            runner.RunInSessionAsync(context, Ceremony.DeviceVerificationOptions, json.DeviceVerificationOptionsRequest, "{ \"deviceId\" }", async (request, session, requester) =>
                CeremonySteps.Options(await ceremonies.BeginVerificationAsync(request.DeviceId, session, requester, context.RequestAborted), session.UserId, json.ClientKeyOptions)))
            .WithName("beginDeviceVerification")
            .WithSummary("A challenge for one of the signed-in user's bound devices to sign (device.verify).")
            .ReadsJson<DeviceVerificationOptionsRequest>()
            .Produces<ClientKeyOptions>()
            .ProducesProblems(CeremonyProblemSets.BoundDevice);

        group.MapPost("/verification", (HttpContext context, CeremonyRunner runner, DeviceCeremonies ceremonies, SignInService signIn) =>
            runner.RunInSessionAsync(
                context,
                Ceremony.DeviceVerification,
                json.DeviceVerificationRequest,
                "{ \"deviceId\", \"clientData\", \"signature\" }",
                async (request, session, _) => await CeremonySteps.OutcomeAsync(
                    await ceremonies.CompleteVerificationAsync(request, session, context.RequestAborted),
                    session.UserId,
                    async verified =>
                    {
                        // DESIGN.md §10: the session is raised, not replaced: the same sid, auth_time and methods, plus device_id.
                        var current = context.Features.Get<GatewayAuthenticationFeature>()!.Token!;
                        var identity = SignInService.Raised(current, verified.User, verified.Device.DeviceId);
                        return Results.Json(await signIn.SignInAsync(context, identity), json.SignInAnswer);
                    })))
            .WithName("finishDeviceVerification")
            .WithSummary("The device proved itself: the session is raised, its new token carrying device_id.")
            .ReadsJson<DeviceVerificationRequest>()
            .Produces<SignInAnswer>()
            .ProducesProblems([.. CeremonyProblemSets.SignedClientData, .. CeremonyProblemSets.BoundDevice, ProblemCatalog.AccountDisabled]);

        endpoints.MapGet(prefix + "/device.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=300";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(DeviceScript.Content, DeviceScript.ContentType);
        })
            .AllowAnonymous()
            .WithName("getDeviceScript")
            .WithTags("Devices")
            .WithSummary("The script a web page includes to bind its browser as a device and to prove it.")
            .Produces<string>(StatusCodes.Status200OK, "text/javascript");

        return endpoints;
    }
}
