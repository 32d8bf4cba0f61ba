using System.Text.Json;
using System.Text.Json.Serialization;
using PasskeyGateway.Ceremonies.Passkeys;
using PasskeyGateway.CeremonyHosting;
using PasskeyGateway.OpenApi;
using PasskeyGateway.Passkeys;
using PasskeyGateway.Problems;
using PasskeyGateway.Sessions;

namespace PasskeyGateway.Enrollment;

/// <summary>
/// <c>POST {prefix}/enrollment/options</c> <c>{ "token" }</c> → creation options for the link's account, and
/// <c>POST {prefix}/enrollment</c> <c>{ "token", "credential" }</c> → <c>201</c> sign-in answer (DESIGN.md §11.1). Every
/// bad link — malformed, unknown, spent, voided, expired, of a disabled account — is one <c>401 enrollment-link-invalid</c>.
/// </summary>
internal static class EnrollmentEndpoints
{
    public static IEndpointRouteBuilder MapEnrollmentEndpoints(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix + "/enrollment").AllowAnonymous().WithTags("Enrollment")
            .ProducesProblems([.. CeremonyProblemSets.Frame, ProblemCatalog.EnrollmentLinkInvalid]);
        group.MapPost("/options", (HttpContext context, CeremonyRunner runner, PasskeyCeremonies ceremonies) =>
            runner.RunAsync(context, Ceremony.EnrollmentOptions, EnrollmentJsonContext.Default.EnrollmentOptionsRequest, "{ \"token\" }", async (request, requester) =>
                EnrollmentLinks.HashOf(request.Token) is { } hash
                    ? CeremonySteps.Outcome(await ceremonies.BeginEnrollmentAsync(hash, requester, context.RequestAborted), userId: null, options => Results.Text(options.Json, "application/json"))
                    : LinkInvalid))
            .WithName("beginEnrollment")
            .WithSummary("Creation options for the account of an enrollment or recovery link; the link is not spent.")
            .ReadsJson<EnrollmentOptionsRequest>()
            .Produces<WebAuthnJson.PublicKeyCredentialCreationOptionsJson>();

        group.MapPost("", (HttpContext context, CeremonyRunner runner, PasskeyCeremonies ceremonies, SignInService signIn) =>
            runner.RunAsync(context, Ceremony.Enrollment, async (body, _) =>
            {
                if (!TryRead(body, out var token, out var credential))
                {
                    return CeremonyOutcome.Failure(ProblemCatalog.InvalidRequest, "Expected { \"token\", \"credential\" }.");
                }

                if (EnrollmentLinks.HashOf(token) is not { } hash)
                {
                    return LinkInvalid;
                }

                return await CeremonySteps.OutcomeAsync(
                    await ceremonies.CompleteEnrollmentAsync(credential, hash, context.RequestAborted),
                    userId: null,
                    registration => PasskeyEndpoints.SignedInAsync(context, signIn, registration),
                    registration => registration.User.Id);
            }))
            .WithName("finishEnrollment")
            .WithSummary("Registers the passkey and spends the link, in one step: a sign-in answer and the session cookie.")
            .ReadsJson<EnrollmentRequest>()
            .Produces<SignInAnswer>(StatusCodes.Status201Created)
            .ProducesProblems(CeremonyProblemSets.NewPasskey);

        return endpoints;
    }

    private static CeremonyOutcome LinkInvalid =>
        CeremonyOutcome.Failure(ProblemCatalog.EnrollmentLinkInvalid, "This link cannot be used: ask for a new one.");

    /// <summary>The finish body: the token, and the <c>PublicKeyCredential.toJSON()</c> object as its own bytes.</summary>
    private static bool TryRead(byte[] body, out string? token, out byte[] credential)
    {
        token = null;
        credential = [];
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("credential", out var element) || element.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            token = document.RootElement.TryGetProperty("token", out var tokenElement) && tokenElement.ValueKind == JsonValueKind.String ? tokenElement.GetString() : null;
            credential = JsonSerializer.SerializeToUtf8Bytes(element, EnrollmentJsonContext.Default.JsonElement);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

internal sealed record EnrollmentOptionsRequest([property: System.ComponentModel.DataAnnotations.Required] string? Token);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EnrollmentOptionsRequest))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class EnrollmentJsonContext : JsonSerializerContext;
