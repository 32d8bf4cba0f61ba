using System.Text.Json.Nodes;
using Fido2NetLib;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Passkeys;
using PasskeyGateway.Ceremonies.Passkeys.Metadata;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Ceremonies.Tests.Passkeys;

/// <summary>
/// Real Chromium ceremonies (packed, fido-u2f, none; ES256, RS256, EdDSA; backup flags) replayed through the
/// verifier as offline regression vectors.
/// </summary>
public sealed class WebAuthnSampleTests : IDisposable
{
    private static readonly string SampleDirectory = Path.Combine(AppContext.BaseDirectory, "Passkeys", "Samples");
    private static readonly Guid ChromiumAaguid = Guid.Parse("01020304-0506-0708-0102-030405060708");

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("samples-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    public static TheoryData<string> Registrations() => [.. Samples("reg-")];

    public static TheoryData<string> Assertions() => [.. Samples("auth-")];

    [Theory]
    [MemberData(nameof(Registrations))]
    public async Task Registration_AsRecorded_VerifiesWithTheRecordedKeyAndFlags(string name)
    {
        var sample = Load(name);
        var verifier = Verifier(AttestationMode.None, metadata: null);
        var options = CredentialCreateOptions.FromJson(sample["options"]!.ToJsonString());

        var result = await verifier.VerifyRegistrationAsync(options, Credential<AuthenticatorAttestationRawResponse>(sample), (_, _) => Task.FromResult(true), default);

        var expected = sample["verification"]!;
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(expected["credentialId"]!.GetValue<string>(), Base64UrlEncoder.Encode(result.Value.CredentialId));
        Assert.Equal(expected["publicKeyCose"]!.GetValue<string>(), Base64UrlEncoder.Encode(result.Value.PublicKeyCose));
        Assert.Equal(Guid.Parse(expected["aaguid"]!.GetValue<string>()), result.Value.Aaguid);
        Assert.Equal(expected["signCount"]!.GetValue<uint>(), result.Value.SignCount);
        Assert.Equal(expected["attestationFormat"]!.GetValue<string>(), result.Value.AttestationFormat);
        Assert.Equal(expected["isBackupEligible"]!.GetValue<bool>(), result.Value.BackupEligible);
        Assert.Equal(expected["isBackedUp"]!.GetValue<bool>(), result.Value.BackupState);
        Assert.Equal(result.Value.AttestationFormat == "none" ? AttestationTrust.None : AttestationTrust.Untrusted, result.Value.Trust);
    }

    [Theory]
    [MemberData(nameof(Assertions))]
    public async Task Assertion_AsRecorded_Verifies_AndItsReplayIsRefused(string name)
    {
        var sample = Load(name);
        var verifier = Verifier(AttestationMode.None, metadata: null);
        var options = AssertionOptions.FromJson(sample["options"]!.ToJsonString());
        var response = Credential<AuthenticatorAssertionRawResponse>(sample);
        var storedKey = Base64UrlEncoder.DecodeBytes(sample["storedPublicKeyCose"]!.GetValue<string>());
        var storedCount = sample["storedSignCountBefore"]!.GetValue<uint>();
        var backupEligible = (response.Response.AuthenticatorData[32] & 0x08) != 0;

        var result = await verifier.VerifyAssertionAsync(options, response, storedKey, storedCount, backupEligible, OwnerCheck, default);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(sample["verification"]!["signCount"]!.GetValue<uint>(), result.Value.SignCount);
        Assert.Equal(sample["verification"]!["isBackedUp"]!.GetValue<bool>(), result.Value.BackupState);

        // The same assertion again, the counter now stored: WebAuthn L3 §7.2 step 22.
        var replay = await verifier.VerifyAssertionAsync(options, response, storedKey, result.Value.SignCount, backupEligible, OwnerCheck, default);
        if (result.Value.SignCount > 0)
        {
            Assert.Equal(CeremonyError.SignCountRegression, replay.Failure?.Error);
        }
    }

    [Fact]
    public async Task Assertion_WithABackupEligibilityChange_IsRefused()
    {
        var sample = Load("auth-ctap2-usernameless-BE-BS.json");
        var verifier = Verifier(AttestationMode.None, metadata: null);

        var result = await verifier.VerifyAssertionAsync(
            AssertionOptions.FromJson(sample["options"]!.ToJsonString()),
            Credential<AuthenticatorAssertionRawResponse>(sample),
            Base64UrlEncoder.DecodeBytes(sample["storedPublicKeyCose"]!.GetValue<string>()),
            sample["storedSignCountBefore"]!.GetValue<uint>(),
            storedBackupEligible: false,
            OwnerCheck,
            default);

        Assert.Equal(CeremonyError.BackupFlagsInvalid, result.Failure?.Error);
    }

    [Theory]
    [InlineData("http://localhost", CeremonyError.OriginMismatch)]
    [InlineData("http://localhost:5081", CeremonyError.OriginMismatch)]
    public async Task Registration_FromAnotherOrigin_IsRefused(string origin, CeremonyError expected)
    {
        var sample = Load("reg-ctap2-none-es256-rk.json");
        var verifier = new PasskeyVerifier(Settings(AttestationMode.None) with { Origins = new HashSet<string> { origin } }, null, NullLogger<PasskeyVerifier>.Instance);

        var result = await verifier.VerifyRegistrationAsync(
            CredentialCreateOptions.FromJson(sample["options"]!.ToJsonString()), Credential<AuthenticatorAttestationRawResponse>(sample), (_, _) => Task.FromResult(true), default);

        Assert.Equal(expected, result.Failure?.Error);
    }

    public static TheoryData<string, AttestationMode, string> MetadataCases => new()
    {
        // sample, mode, expected outcome ("untrusted", "none" or a CeremonyError)
        { "mds-reg-ctap2-direct-es256--basic-surrogate-only.json", AttestationMode.Verify, "untrusted" },
        { "mds-reg-ctap2-direct-es256--basic-surrogate-only.json", AttestationMode.Require, nameof(CeremonyError.AttestationUntrusted) },
        { "mds-reg-ctap2-direct-es256--basicfull-pinned-cert.json", AttestationMode.Verify, "untrusted" },
        { "mds-reg-ctap2-direct-es256--basicfull-pinned-cert.json", AttestationMode.Require, nameof(CeremonyError.AttestationUntrusted) },
        { "mds-reg-ctap2-none-es256--basic-surrogate-only.json", AttestationMode.Verify, "none" },
        { "mds-reg-ctap2-none-es256--basicfull-pinned-cert.json", AttestationMode.Require, nameof(CeremonyError.AttestationUntrusted) },
        { "mds-reg-u2f-direct--basic-surrogate-only.json", AttestationMode.Verify, "untrusted" },
        { "mds-reg-u2f-direct--basicfull-pinned-cert.json", AttestationMode.Require, nameof(CeremonyError.AttestationUntrusted) },
    };

    [Theory]
    [MemberData(nameof(MetadataCases))]
    public async Task Registration_WithMetadata_FollowsTheAttestationMode(string name, AttestationMode mode, string expected)
    {
        var sample = Load(name);
        using var blob = new MetadataBlobBuilder();
        var pinned = name.Contains("pinned-cert", StringComparison.Ordinal)
            ? [System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Convert.FromBase64String(BatchCertificateOf("mds-reg-ctap2-direct-es256--basic-surrogate-only.json")))]
            : Array.Empty<System.Security.Cryptography.X509Certificates.X509Certificate2>();
        blob.Entries.Add(MetadataBlobBuilder.Entry(ChromiumAaguid, pinned, attestationType: pinned.Length > 0 ? "basic_full" : "basic_surrogate"));
        var metadata = LoadMetadata(blob, blob.Build(1));

        var result = await Verifier(mode, metadata).VerifyRegistrationAsync(
            CredentialCreateOptions.FromJson(sample["options"]!.ToJsonString()), Credential<AuthenticatorAttestationRawResponse>(sample), (_, _) => Task.FromResult(true), default);

        switch (expected)
        {
            case "untrusted":
                Assert.True(result.Succeeded, result.Failure?.Message);
                Assert.Equal(AttestationTrust.Untrusted, result.Value.Trust);
                break;
            case "none":
                Assert.True(result.Succeeded, result.Failure?.Message);
                Assert.Equal(AttestationTrust.None, result.Value.Trust);
                break;
            default:
                Assert.Equal(Enum.Parse<CeremonyError>(expected), result.Failure?.Error);
                break;
        }
    }

    private static Task<bool> OwnerCheck(Fido2NetLib.Objects.IsUserHandleOwnerOfCredentialIdParams parameters, CancellationToken cancellationToken) => Task.FromResult(true);

    private OfflineMetadataService LoadMetadata(MetadataBlobBuilder blob, string jws)
    {
        var blobPath = Path.Combine(_dataDirectory, "mds.jwt");
        var rootPath = Path.Combine(_dataDirectory, "root.cer");
        File.WriteAllText(blobPath, jws);
        File.WriteAllBytes(rootPath, blob.Root.RawData);
        return new OfflineMetadataService(blobPath, rootPath, _dataDirectory, TimeProvider.System, NullLogger<OfflineMetadataService>.Instance);
    }

    private static string BatchCertificateOf(string name) =>
        Load(name)["verification"]!["attestationCerts"]!.AsArray().Single(c => c!["der"] is not null)!["der"]!.GetValue<string>();

    private static PasskeyVerifier Verifier(AttestationMode mode, OfflineMetadataService? metadata) =>
        new(Settings(mode), metadata, NullLogger<PasskeyVerifier>.Instance);

    private static PasskeySettings Settings(AttestationMode mode) => new()
    {
        RelyingPartyId = "localhost",
        RelyingPartyName = "Samples",
        Origins = new HashSet<string> { "http://localhost:5080" },
        Attestation = mode,
    };

    private static T Credential<T>(JsonNode sample)
        where T : class => PasskeyVerifier.Parse<T>(System.Text.Encoding.UTF8.GetBytes(sample["credential"]!.ToJsonString()))!;

    private static JsonNode Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(SampleDirectory, name)))!;

    private static IEnumerable<string> Samples(string prefix) =>
        Directory.GetFiles(SampleDirectory, prefix + "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;
}
