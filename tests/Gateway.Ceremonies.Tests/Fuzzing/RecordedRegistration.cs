using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Fido2NetLib;
using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies.Passkeys;

namespace PasskeyGateway.Ceremonies.Tests.Fuzzing;

/// <summary>
/// A recorded registration (Passkeys/Samples) replayed through <see cref="PasskeyVerifier"/> with its attestation
/// object swapped for another, as the <c>attestation</c> fuzz target does.
/// </summary>
internal sealed class RecordedRegistration
{
    private readonly JsonNode _sample;

    public RecordedRegistration(string name)
    {
        _sample = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Passkeys", "Samples", name)))!;
    }

    public byte[] AttestationObject => Base64Url.DecodeFromChars(_sample["credential"]!["response"]!["attestationObject"]!.GetValue<string>());

    public Task<CeremonyResult<RegisteredPasskey>> VerifyAsync(byte[] attestationObject)
    {
        var verifier = new PasskeyVerifier(
            new PasskeySettings
            {
                RelyingPartyId = _sample["rpId"]!.GetValue<string>(),
                RelyingPartyName = "Samples",
                Origins = new HashSet<string> { _sample["origin"]!.GetValue<string>() },
            },
            metadata: null,
            NullLogger<PasskeyVerifier>.Instance);
        var credential = _sample["credential"]!.DeepClone();
        credential["response"]!["attestationObject"] = Base64Url.EncodeToString(attestationObject);
        var response = PasskeyVerifier.Parse<AuthenticatorAttestationRawResponse>(Encoding.UTF8.GetBytes(credential.ToJsonString()))!;
        var user = _sample["options"]!["user"]!;
        var options = verifier.CreateRegistrationOptions(
            Base64Url.DecodeFromChars(_sample["options"]!["challenge"]!.GetValue<string>()),
            new Fido2User { Id = Base64Url.DecodeFromChars(user["id"]!.GetValue<string>()), Name = user["name"]!.GetValue<string>(), DisplayName = user["displayName"]!.GetValue<string>() },
            []);
        return verifier.VerifyRegistrationAsync(options, response, (_, _) => Task.FromResult(true), TestContext.Current.CancellationToken);
    }
}
