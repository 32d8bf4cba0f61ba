using System.Text.Json.Nodes;
using Fido2NetLib;
using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies.Passkeys;

namespace PasskeyGateway.Fuzz.Passkeys;

/// <summary>
/// The verification half of <c>PasskeyCeremonies.CompleteRegistrationAsync</c>, for one recorded registration: the
/// same parse, the same checks before the verifier, options made by <see cref="PasskeyVerifier.CreateRegistrationOptions"/>
/// for the recorded user and the challenge the client data names, as if the challenge store knew every challenge. The
/// repository's part (a credential id already taken, storing the passkey) is left out: it sees only what the verifier
/// accepted.
/// </summary>
internal sealed class RegistrationReplay
{
    private readonly PasskeyVerifier _verifier;
    private readonly Fido2User _user;

    public RegistrationReplay(JsonNode sample)
    {
        Sample = sample;
        _verifier = WebAuthnSamples.Verifier(sample);
        var user = sample["options"]!["user"]!;
        _user = new Fido2User { Id = WebAuthnSamples.Bytes(user["id"]!), Name = user["name"]!.GetValue<string>(), DisplayName = user["displayName"]!.GetValue<string>() };
    }

    public JsonNode Sample { get; }

    /// <summary>Verifies a <c>PublicKeyCredential.toJSON()</c> body; a failure result is a 4xx, an exception a 500.</summary>
    public void Complete(ReadOnlySpan<byte> body)
    {
        var response = PasskeyVerifier.Parse<AuthenticatorAttestationRawResponse>(body);
        if (response?.Response?.ClientDataJson is null || response.Response.AttestationObject is null || response.RawId is not { Length: > 0 })
        {
            return;
        }

        if (!PasskeyChallenge.TryRead(response.Response.ClientDataJson, out var challenge))
        {
            return;
        }

        var options = _verifier.CreateRegistrationOptions(challenge, _user, []);
        _verifier.VerifyRegistrationAsync(options, response, (_, _) => Task.FromResult(true), CancellationToken.None).GetAwaiter().GetResult();
    }
}
