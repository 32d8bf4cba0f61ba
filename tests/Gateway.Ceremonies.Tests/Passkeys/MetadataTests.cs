using System.Text.Json.Nodes;
using Fido2NetLib;
using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Passkeys;
using PasskeyGateway.Ceremonies.Passkeys.Metadata;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Ceremonies.Tests.Passkeys;

/// <summary>
/// The offline MDS3 BLOB (signed by the test's own root) and the attestation policy built on it: trust, refused
/// statuses, AAGUID lists, rollback protection, refresh from the file.
/// </summary>
public sealed class MetadataTests : IDisposable
{
    private static readonly Guid Aaguid = Guid.Parse("5f0b2c1a-7d1e-4b8e-9a3c-2e6f1d0c4b7a");

    private readonly string _directory = Directory.CreateTempSubdirectory("mds-").FullName;
    private readonly MetadataBlobBuilder _blob = new();
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _attestationRoot =
        MetadataBlobBuilder.CreateCertificate("CN=Test Attestation Root", issuer: null, isCertificateAuthority: true);

    public void Dispose()
    {
        _blob.Dispose();
        _attestationRoot.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Require_StatementChainingToTheMetadataRoot_IsTrusted()
    {
        _blob.Entries.Add(MetadataBlobBuilder.Entry(Aaguid, [_attestationRoot]));

        var result = await RegisterAsync(AttestationMode.Require, Load(_blob.Build(1)), AttestedAuthenticator(_attestationRoot));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(AttestationTrust.Trusted, result.Value.Trust);
        Assert.Equal("packed", result.Value.AttestationFormat);
    }

    [Fact]
    public async Task Require_StatementFromAnotherRoot_IsRefused_VerifyAcceptsItAsUntrusted()
    {
        using var otherRoot = MetadataBlobBuilder.CreateCertificate("CN=Someone Else", issuer: null, isCertificateAuthority: true);
        _blob.Entries.Add(MetadataBlobBuilder.Entry(Aaguid, [_attestationRoot]));
        var metadata = Load(_blob.Build(1));

        var required = await RegisterAsync(AttestationMode.Require, metadata, AttestedAuthenticator(otherRoot));
        var verified = await RegisterAsync(AttestationMode.Verify, metadata, AttestedAuthenticator(otherRoot));

        Assert.Equal(CeremonyError.AttestationUntrusted, required.Failure?.Error);
        Assert.Equal(AttestationTrust.Untrusted, verified.Value?.Trust);
    }

    [Fact]
    public async Task SelfAttestation_ClaimingAModelWithFullAttestation_IsRefusedAsInvalid()
    {
        // The model's metadata says it attests with its batch certificate: a self-signed statement under its AAGUID is a lie.
        _blob.Entries.Add(MetadataBlobBuilder.Entry(Aaguid, [_attestationRoot]));
        var metadata = Load(_blob.Build(1));

        foreach (var mode in new[] { AttestationMode.Verify, AttestationMode.Require })
        {
            var authenticator = new SoftwareAuthenticator("https://app.example.com", "app.example.com") { Aaguid = Aaguid, AttestationFormat = "packed-self" };
            var result = await RegisterAsync(mode, metadata, authenticator);
            Assert.Equal(CeremonyError.AttestationInvalid, result.Failure?.Error);
        }
    }

    [Fact]
    public async Task SelfAttestation_OfAnUnknownModel_IsUntrusted()
    {
        var metadata = Load(_blob.Build(1));
        var authenticator = new SoftwareAuthenticator("https://app.example.com", "app.example.com") { Aaguid = Guid.NewGuid(), AttestationFormat = "packed-self" };

        var required = await RegisterAsync(AttestationMode.Require, metadata, authenticator);
        var verified = await RegisterAsync(AttestationMode.Verify, metadata, authenticator);

        Assert.Equal(CeremonyError.AttestationUntrusted, required.Failure?.Error);
        Assert.Equal(AttestationTrust.Untrusted, verified.Value?.Trust);
    }

    [Theory]
    [InlineData("REVOKED")]
    [InlineData("USER_VERIFICATION_BYPASS")]
    [InlineData("ATTESTATION_KEY_COMPROMISE")]
    [InlineData("USER_KEY_REMOTE_COMPROMISE")]
    [InlineData("USER_KEY_PHYSICAL_COMPROMISE")]
    public async Task AuthenticatorWithARefusedStatus_IsRefused_InEveryMode(string status)
    {
        _blob.Entries.Add(MetadataBlobBuilder.Entry(Aaguid, [_attestationRoot], status));
        var metadata = Load(_blob.Build(1));

        foreach (var mode in Enum.GetValues<AttestationMode>())
        {
            var authenticator = AttestedAuthenticator(_attestationRoot);
            authenticator.AttestationFormat = mode == AttestationMode.None ? "none" : "packed-x5c";
            var result = await RegisterAsync(mode, metadata, authenticator);
            Assert.Equal(CeremonyError.AuthenticatorNotAllowed, result.Failure?.Error);
        }
    }

    [Fact]
    public async Task DeniedAaguid_IsRefused_AndAllowListExcludesOthers()
    {
        var authenticator = new SoftwareAuthenticator("https://app.example.com", "app.example.com") { Aaguid = Aaguid };

        var denied = await RegisterAsync(AttestationMode.None, null, authenticator, settings => settings with { DeniedAaguids = new HashSet<Guid> { Aaguid } });
        var notAllowed = await RegisterAsync(AttestationMode.None, null, authenticator, settings => settings with { AllowedAaguids = new HashSet<Guid> { Guid.NewGuid() } });
        var allowed = await RegisterAsync(AttestationMode.None, null, authenticator, settings => settings with { AllowedAaguids = new HashSet<Guid> { Aaguid } });

        Assert.Equal(CeremonyError.AuthenticatorNotAllowed, denied.Failure?.Error);
        Assert.Equal(CeremonyError.AuthenticatorNotAllowed, notAllowed.Failure?.Error);
        Assert.True(allowed.Succeeded);
    }

    [Fact]
    public void Blob_SignedUnderAnotherRoot_IsRefused()
    {
        using var stranger = MetadataBlobBuilder.CreateCertificate("CN=Stranger", issuer: null, isCertificateAuthority: false);

        var error = Assert.Throws<MetadataException>(() => Load(_blob.Build(1, signer: stranger)));

        Assert.Contains("does not lead to the configured root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blob_WithATamperedPayload_IsRefused()
    {
        var parts = _blob.Build(1).Split('.');
        var payload = JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]))!;
        payload["no"] = 99;
        var tampered = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";

        Assert.Throws<MetadataException>(() => Load(tampered));
    }

    [Fact]
    public void Blob_OlderThanOneAlreadyAccepted_IsRefused_EvenAfterARestart()
    {
        Load(_blob.Build(7));

        var error = Assert.Throws<MetadataException>(() => Load(_blob.Build(6)));

        Assert.Contains("rollback", error.Message, StringComparison.Ordinal);
        Assert.Equal(7, Load(_blob.Build(7)).SerialNumber);
    }

    [Fact]
    public async Task Blob_RefreshedOnDisk_IsPickedUp_AndABadRefreshKeepsTheLastGood()
    {
        var metadata = Load(_blob.Build(1));
        Assert.Null(await metadata.GetEntryAsync(Aaguid));

        _blob.Entries.Add(MetadataBlobBuilder.Entry(Aaguid, [_attestationRoot]));
        WriteBlob(_blob.Build(2));
        Assert.NotNull(await metadata.GetEntryAsync(Aaguid));
        Assert.Equal(2, metadata.SerialNumber);

        WriteBlob("not a jws");
        Assert.NotNull(await metadata.GetEntryAsync(Aaguid));
        Assert.Equal(2, metadata.SerialNumber);
    }

    private static SoftwareAuthenticator AttestedAuthenticator(System.Security.Cryptography.X509Certificates.X509Certificate2 root) =>
        new("https://app.example.com", "app.example.com")
        {
            Aaguid = Aaguid,
            AttestationFormat = "packed-x5c",
            AttestationCertificate = MetadataBlobBuilder.AttestationCertificate(root, Aaguid),
        };

    private static async Task<CeremonyResult<RegisteredPasskey>> RegisterAsync(
        AttestationMode mode, OfflineMetadataService? metadata, SoftwareAuthenticator authenticator, Func<PasskeySettings, PasskeySettings>? configure = null)
    {
        var settings = new PasskeySettings
        {
            RelyingPartyId = "app.example.com",
            RelyingPartyName = "Test",
            Origins = new HashSet<string> { "https://app.example.com" },
            Attestation = mode,
        };
        var verifier = new PasskeyVerifier(configure?.Invoke(settings) ?? settings, metadata, NullLogger<PasskeyVerifier>.Instance);
        var options = verifier.CreateRegistrationOptions(
            System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
            new Fido2User { Id = new byte[32], Name = "alice", DisplayName = "Alice" },
            []);
        var credential = authenticator.Create(JsonNode.Parse(options.ToJson())!);
        var response = PasskeyVerifier.Parse<AuthenticatorAttestationRawResponse>(System.Text.Encoding.UTF8.GetBytes(credential.ToJsonString()))!;
        return await verifier.VerifyRegistrationAsync(options, response, (_, _) => Task.FromResult(true), default);
    }

    private OfflineMetadataService Load(string jws)
    {
        WriteBlob(jws);
        var rootPath = Path.Combine(_directory, "root.cer");
        File.WriteAllBytes(rootPath, _blob.Root.RawData);
        return new OfflineMetadataService(Path.Combine(_directory, "mds.jwt"), rootPath, _directory, TimeProvider.System, NullLogger<OfflineMetadataService>.Instance);
    }

    private void WriteBlob(string jws)
    {
        var path = Path.Combine(_directory, "mds.jwt");
        File.WriteAllText(path, jws);

        // Every write must look like a change, even within the file system's timestamp resolution.
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(Interlocked.Increment(ref _writes)));
    }

    private static int _writes;
}
