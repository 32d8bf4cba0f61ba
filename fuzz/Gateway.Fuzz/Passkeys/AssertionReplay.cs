using System.Text.Json.Nodes;
using Fido2NetLib;
using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies;
using PasskeyGateway.Ceremonies.Passkeys;

namespace PasskeyGateway.Fuzz.Passkeys;

/// <summary>
/// The verification half of <c>PasskeyCeremonies.CompleteAuthenticationAsync</c>, for one recorded assertion: options
/// made by <see cref="PasskeyVerifier.CreateAssertionOptions"/> from the recorded challenge, the recorded counter and
/// backup eligibility as stored, the owner check passing.
/// </summary>
internal sealed class AssertionReplay
{
    private readonly PasskeyVerifier _verifier;
    private readonly AssertionOptions _options;
    private readonly AuthenticatorAssertionRawResponse _response;
    private readonly uint _storedSignCount;
    private readonly bool _storedBackupEligible;

    public AssertionReplay(JsonNode sample)
    {
        Sample = sample;
        _verifier = WebAuthnSamples.Verifier(sample);
        _options = _verifier.CreateAssertionOptions(WebAuthnSamples.Bytes(sample["options"]!["challenge"]!), []);
        _response = PasskeyVerifier.Parse<AuthenticatorAssertionRawResponse>(System.Text.Encoding.UTF8.GetBytes(sample["credential"]!.ToJsonString()))
            ?? throw new InvalidOperationException("The recorded assertion does not parse.");
        _storedSignCount = sample["storedSignCountBefore"]!.GetValue<uint>();
        _storedBackupEligible = (_response.Response.AuthenticatorData[32] & 0x08) != 0;
    }

    public JsonNode Sample { get; }

    /// <summary>Verifies the recorded assertion against <paramref name="storedPublicKey"/> (COSE) as if it were stored.</summary>
    public CeremonyResult<VerifiedAssertion> Verify(byte[] storedPublicKey) =>
        _verifier.VerifyAssertionAsync(
            _options,
            _response,
            storedPublicKey,
            _storedSignCount,
            _storedBackupEligible,
            (_, _) => Task.FromResult(true),
            CancellationToken.None).GetAwaiter().GetResult();
}
