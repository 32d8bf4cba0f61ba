using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Devices;
using PasskeyGateway.CeremonyHosting;
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
        var group = endpoints.MapGroup(prefix + "/devices").AllowAnonymous();
        group.MapPost("/binding/options", (HttpContext context, CeremonyRunner runner, DeviceCeremonies ceremonies) =>
            runner.RunInSessionAsync(context, Ceremony.DeviceBindingOptions, json.EmptyRequest, "{}", async (_, session, requester) =>
                CeremonySteps.Options(await ceremonies.BeginBindingAsync(session, requester, context.RequestAborted), session.UserId, json.ClientKeyOptions)));

        group.MapPost("/binding", (HttpContext context, CeremonyRunner runner, DeviceCeremonies ceremonies) =>
            runner.RunInSessionAsync(
                context,
                Ceremony.DeviceBinding,
                json.DeviceBindingRequest,
                "{ \"deviceKeyId\", \"publicKey\", \"algorithm\", \"signatureFormat\", \"name\", \"platform\", \"clientData\", \"signature\" }",
                async (request, session, _) => CeremonySteps.Outcome(
                    await ceremonies.CompleteBindingAsync(request, session, context.RequestAborted),
                    session.UserId,
                    device => Results.Json(new DeviceBoundAnswer(device.DeviceId), json.DeviceBoundAnswer, statusCode: StatusCodes.Status201Created))));

        group.MapPost("/verification/options", (HttpContext context, CeremonyRunner runner, DeviceCeremonies ceremonies) =>
            runner.RunInSessionAsync(context, Ceremony.DeviceVerificationOptions, json.DeviceVerificationOptionsRequest, "{ \"deviceId\" }", async (request, session, requester) =>
                CeremonySteps.Options(await ceremonies.BeginVerificationAsync(request.DeviceId, session, requester, context.RequestAborted), session.UserId, json.ClientKeyOptions)));

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
                    })));

        endpoints.MapGet(prefix + "/device.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=300";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(DeviceScript.Content, DeviceScript.ContentType);
        }).AllowAnonymous();

        return endpoints;
    }
}
