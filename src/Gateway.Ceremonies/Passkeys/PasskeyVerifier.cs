using System.Formats.Asn1;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;

using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Json;

namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>
/// The WebAuthn relying-party checks, on Fido2: options in the Level 3 JSON forms, attestation verified according to
/// <see cref="AttestationMode"/>, assertions verified against the stored key and counter. Storage-free: callers bring
/// the stored credential and keep the results.
/// </summary>
internal sealed partial class PasskeyVerifier
{
    /// <summary>ES256 first (the common case), then EdDSA and RS256: WebAuthn L3 §5.4 lists them by preference.</summary>
    private static readonly IReadOnlyList<PubKeyCredParam> Algorithms =
    [
        new(COSE.Algorithm.ES256, PublicKeyCredentialType.PublicKey),
        new(COSE.Algorithm.EdDSA, PublicKeyCredentialType.PublicKey),
        new(COSE.Algorithm.RS256, PublicKeyCredentialType.PublicKey),
    ];

    /// <summary>Authenticator statuses that refuse a registration whatever the mode (issue 5: revoked, compromised, UV bypass).</summary>
    private static readonly AuthenticatorStatus[] RefusedStatuses =
    [
        AuthenticatorStatus.REVOKED,
        AuthenticatorStatus.USER_VERIFICATION_BYPASS,
        AuthenticatorStatus.ATTESTATION_KEY_COMPROMISE,
        AuthenticatorStatus.USER_KEY_REMOTE_COMPROMISE,
        AuthenticatorStatus.USER_KEY_PHYSICAL_COMPROMISE,
    ];

    private readonly PasskeySettings _settings;
    private readonly Fido2Configuration _configuration;
    private readonly Fido2 _withoutMetadata;
    private readonly Fido2? _withMetadata;
    private readonly IMetadataService? _metadata;
    private readonly ILogger<PasskeyVerifier> _logger;

    public PasskeyVerifier(PasskeySettings settings, IMetadataService? metadata, ILogger<PasskeyVerifier> logger)
    {
        _settings = settings;
        _metadata = metadata;
        _logger = logger;
        _configuration = new Fido2Configuration
        {
            RPID = settings.RelyingPartyId,
            RPName = settings.RelyingPartyName,
            Origins = new HashSet<string>(settings.Origins, StringComparer.Ordinal),
            Timeout = (uint)settings.ChallengeLifetime.TotalMilliseconds,
            UndesiredAuthenticatorMetadataStatuses = RefusedStatuses,
        };
        _withoutMetadata = new Fido2(_configuration, metadataService: null!);
        _withMetadata = metadata is null ? null : new Fido2(_configuration, metadata);
    }

    public CredentialCreateOptions CreateRegistrationOptions(byte[] challenge, Fido2User user, IReadOnlyList<PublicKeyCredentialDescriptor> existing) =>
        CredentialCreateOptions.Create(
            _configuration,
            challenge,
            user,
            new AuthenticatorSelection { ResidentKey = _settings.ResidentKey, UserVerification = _settings.UserVerification },
            _settings.Attestation == AttestationMode.None ? AttestationConveyancePreference.None : AttestationConveyancePreference.Direct,
            existing,
            new AuthenticationExtensionsClientInputs { CredProps = true },
            Algorithms);

    public AssertionOptions CreateAssertionOptions(byte[] challenge, IReadOnlyList<PublicKeyCredentialDescriptor> allowed) =>
        AssertionOptions.Create(_configuration, challenge, allowed, _settings.UserVerification, new AuthenticationExtensionsClientInputs());

    public async Task<CeremonyResult<RegisteredPasskey>> VerifyRegistrationAsync(
        CredentialCreateOptions options,
        AuthenticatorAttestationRawResponse response,
        IsCredentialIdUniqueToUserAsyncDelegate isUnique,
        CancellationToken cancellationToken)
    {
        var parameters = new MakeNewCredentialParams
        {
            AttestationResponse = response,
            OriginalOptions = options,
            IsCredentialIdUniqueToUserCallback = isUnique,
        };

        RegisteredPublicKeyCredential credential;
        var trust = AttestationTrust.Untrusted;
        try
        {
            if (_settings.Attestation != AttestationMode.None && _withMetadata is not null)
            {
                try
                {
                    credential = await _withMetadata.MakeNewCredentialAsync(parameters, cancellationToken);
                    trust = await ChainsToMetadataRootAsync(credential, cancellationToken) ? AttestationTrust.Trusted : AttestationTrust.Untrusted;
                }
                catch (Fido2VerificationException e) when (_settings.Attestation == AttestationMode.Verify && e.Code is Fido2NetLib.Exceptions.Fido2ErrorCode.InvalidCertificateChain or Fido2NetLib.Exceptions.Fido2ErrorCode.AaGuidNotFound)
                {
                    // "verify" records an untrusted statement and accepts it, as long as the statement itself is valid.
                    credential = await _withoutMetadata.MakeNewCredentialAsync(parameters, cancellationToken);
                }
            }
            else
            {
                credential = await _withoutMetadata.MakeNewCredentialAsync(parameters, cancellationToken);
            }
        }
        catch (Exception e) when (IsVerificationFailure(e))
        {
            return Fail(e);
        }

        if (credential.AttestationFormat == "none")
        {
            trust = AttestationTrust.None;
        }

        if (_settings.Attestation == AttestationMode.Require && trust != AttestationTrust.Trusted)
        {
            return new CeremonyFailure(CeremonyError.AttestationUntrusted, "The authenticator's attestation does not chain to a trusted metadata root.");
        }

        if (await CheckAuthenticatorModelAsync(credential.AaGuid, cancellationToken) is { } refused)
        {
            return refused;
        }

        var flags = AuthenticatorFlags.Read(ReadAuthenticatorData(credential.AttestationObject));
        if (flags is not { } f)
        {
            return new CeremonyFailure(CeremonyError.CredentialMalformed, "The attestation object carries no authenticator data.");
        }

        // WebAuthn L3 §6.1: a credential cannot be backed up (BS) without being backup eligible (BE).
        if (f.BackupState && !f.BackupEligible)
        {
            return new CeremonyFailure(CeremonyError.BackupFlagsInvalid, "The authenticator reports a backed-up credential that is not backup eligible.");
        }

        return new RegisteredPasskey(
            credential.Id,
            credential.PublicKey,
            credential.SignCount,
            credential.AaGuid,
            [.. (credential.Transports ?? []).Select(TransportName)],
            f.BackupEligible,
            f.BackupState,
            f.UserVerified,
            credential.AttestationFormat,
            trust)
        {
            Discoverable = response.ClientExtensionResults?.CredProps?.Rk,
        };
    }

    public async Task<CeremonyResult<VerifiedAssertion>> VerifyAssertionAsync(
        AssertionOptions options,
        AuthenticatorAssertionRawResponse response,
        byte[] storedPublicKey,
        uint storedSignCount,
        bool storedBackupEligible,
        IsUserHandleOwnerOfCredentialIdAsync isOwner,
        CancellationToken cancellationToken)
    {
        VerifyAssertionResult result;
        try
        {
            result = await _withoutMetadata.MakeAssertionAsync(
                new MakeAssertionParams
                {
                    AssertionResponse = response,
                    OriginalOptions = options,
                    StoredPublicKey = storedPublicKey,
                    StoredSignatureCounter = storedSignCount,
                    IsUserHandleOwnerOfCredentialIdCallback = isOwner,
                },
                cancellationToken);
        }
        catch (Exception e) when (IsVerificationFailure(e))
        {
            return Fail(e);
        }

        var flags = AuthenticatorFlags.Read(response.Response.AuthenticatorData)!.Value;

        // WebAuthn L3 §6.1.3: backup eligibility is fixed when the credential is created; a change means another credential source.
        if (flags.BackupEligible != storedBackupEligible || (flags.BackupState && !flags.BackupEligible))
        {
            return new CeremonyFailure(CeremonyError.BackupFlagsInvalid, "The backup flags contradict the credential's registration.");
        }

        return new VerifiedAssertion(result.CredentialId, result.SignCount, flags.BackupEligible, flags.BackupState, flags.UserVerified);
    }

    /// <summary>Parses a <c>PublicKeyCredential.toJSON()</c> body; <c>null</c> when it is not one.</summary>
    public static T? Parse<T>(ReadOnlySpan<byte> json)
        where T : class
    {
        if (!JsonInput.IsWellFormed(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json);
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task<bool> ChainsToMetadataRootAsync(RegisteredPublicKeyCredential credential, CancellationToken cancellationToken)
    {
        // Fido2 verified the statement's chain against the metadata statement's roots when there were any; a
        // statement without roots (self or surrogate attestation) proves only possession of the key.
        if (_metadata is null || credential.AttestationType is "self" or "none")
        {
            return false;
        }

        var entry = await _metadata.GetEntryAsync(credential.AaGuid, cancellationToken);
        return entry?.MetadataStatement?.AttestationRootCertificates is { Length: > 0 };
    }

    /// <summary>The authenticator model's name from the FIDO metadata, when metadata is configured and knows the AAGUID.</summary>
    public async Task<string?> AuthenticatorNameAsync(Guid aaguid, CancellationToken cancellationToken) =>
        aaguid == Guid.Empty || _metadata is null ? null : (await _metadata.GetEntryAsync(aaguid, cancellationToken))?.MetadataStatement?.Description;

    private async Task<CeremonyFailure?> CheckAuthenticatorModelAsync(Guid aaguid, CancellationToken cancellationToken)
    {
        if (_settings.DeniedAaguids.Contains(aaguid) || (_settings.AllowedAaguids.Count > 0 && !_settings.AllowedAaguids.Contains(aaguid)))
        {
            return new CeremonyFailure(CeremonyError.AuthenticatorNotAllowed, $"Authenticator model {aaguid} is not allowed here.");
        }

        if (_metadata is not null && await _metadata.GetEntryAsync(aaguid, cancellationToken) is { } entry
            && entry.GetLatestStatusReport() is { } report && RefusedStatuses.Contains(report.Status))
        {
            return new CeremonyFailure(CeremonyError.AuthenticatorNotAllowed, $"Authenticator model {aaguid} has metadata status {report.Status}.");
        }

        return null;
    }

    /// <summary>
    /// authData from the attestation object's CBOR map (WebAuthn L3 §6.5: fmt, attStmt, authData). Fido2 has read
    /// the same bytes already; keys that are not text (which it skips) are skipped here too, and anything this reader
    /// cannot follow answers no authenticator data rather than an exception.
    /// </summary>
    private static byte[] ReadAuthenticatorData(byte[] attestationObject)
    {
        try
        {
            var reader = new CborReader(attestationObject);
            var entries = reader.ReadStartMap();
            for (var i = 0; entries is null || i < entries; i++)
            {
                if (reader.PeekState() == CborReaderState.EndMap)
                {
                    break;
                }

                // A key that is not text is skipped whole, as Fido2 does.
                string? key = null;
                if (reader.PeekState() == CborReaderState.TextString)
                {
                    key = reader.ReadTextString();
                }
                else
                {
                    reader.SkipValue();
                }

                if (key == "authData" && reader.PeekState() == CborReaderState.ByteString)
                {
                    return reader.ReadByteString();
                }

                reader.SkipValue();
            }
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException)
        {
            return [];
        }

        return [];
    }

    private static string TransportName(AuthenticatorTransport transport) => transport switch
    {
        AuthenticatorTransport.Usb => "usb",
        AuthenticatorTransport.Nfc => "nfc",
        AuthenticatorTransport.Ble => "ble",
        AuthenticatorTransport.SmartCard => "smart-card",
        AuthenticatorTransport.Hybrid => "hybrid",
        _ => "internal",
    };

    /// <summary>
    /// Fido2 parses untrusted CBOR and ASN.1 from the client; besides its own verification exception, malformed input
    /// surfaces as the parsers' exceptions. All of them are the client's fault here: a 4xx, never a 500.
    /// </summary>
    private static bool IsVerificationFailure(Exception e) => e is Fido2VerificationException or CborContentException or AsnContentException or FormatException
        or ArgumentException or InvalidOperationException or CryptographicException or OverflowException or InvalidCastException
        or KeyNotFoundException or IndexOutOfRangeException or NotSupportedException or JsonException;

    private CeremonyFailure Fail(Exception e)
    {
        var error = e is Fido2VerificationException verification ? Map(verification.Code) : CeremonyError.CredentialMalformed;
        Log.VerificationFailed(_logger, error, e.GetType().Name);
        return new CeremonyFailure(error, e is Fido2VerificationException ? e.Message : "The credential could not be parsed.");
    }

    private static CeremonyError Map(Fido2NetLib.Exceptions.Fido2ErrorCode code) => code switch
    {
        Fido2NetLib.Exceptions.Fido2ErrorCode.InvalidRpidHash => CeremonyError.RelyingPartyMismatch,
        Fido2NetLib.Exceptions.Fido2ErrorCode.InvalidSignature => CeremonyError.SignatureInvalid,
        Fido2NetLib.Exceptions.Fido2ErrorCode.InvalidSignCount => CeremonyError.SignCountRegression,
        Fido2NetLib.Exceptions.Fido2ErrorCode.UserVerificationRequirementNotMet => CeremonyError.UserVerificationRequired,
        Fido2NetLib.Exceptions.Fido2ErrorCode.UserPresentFlagNotSet => CeremonyError.UserPresenceRequired,
        Fido2NetLib.Exceptions.Fido2ErrorCode.InvalidAuthenticatorResponseChallenge
            or Fido2NetLib.Exceptions.Fido2ErrorCode.MissingAuthenticatorResponseChallenge => CeremonyError.ChallengeMismatch,
        Fido2NetLib.Exceptions.Fido2ErrorCode.InvalidAuthenticatorResponseOrigin
            or Fido2NetLib.Exceptions.Fido2ErrorCode.MissingAuthenticatorResponseOrigin
            or Fido2NetLib.Exceptions.Fido2ErrorCode.CrossOriginRequestNotAllowed
            or Fido2NetLib.Exceptions.Fido2ErrorCode.InvalidAuthenticatorResponseTopOrigin => CeremonyError.OriginMismatch,
        Fido2NetLib.Exceptions.Fido2ErrorCode.InvalidBackupFlags
            or Fido2NetLib.Exceptions.Fido2ErrorCode.BackupEligibilityRequirementNotMet
            or Fido2NetLib.Exceptions.Fido2ErrorCode.BackupStateRequirementNotMet => CeremonyError.BackupFlagsInvalid,
        Fido2NetLib.Exceptions.Fido2ErrorCode.InvalidCertificateChain
            or Fido2NetLib.Exceptions.Fido2ErrorCode.AaGuidNotFound => CeremonyError.AttestationUntrusted,
        Fido2NetLib.Exceptions.Fido2ErrorCode.UndesiredMetadataStatus => CeremonyError.AuthenticatorNotAllowed,
        Fido2NetLib.Exceptions.Fido2ErrorCode.NonUniqueCredentialId => CeremonyError.CredentialExists,
        Fido2NetLib.Exceptions.Fido2ErrorCode.CredentialAlgorithmRequirementNotMet
            or Fido2NetLib.Exceptions.Fido2ErrorCode.UnimplementedAlgorithm => CeremonyError.AlgorithmNotAllowed,
        Fido2NetLib.Exceptions.Fido2ErrorCode.InvalidAttestation
            or Fido2NetLib.Exceptions.Fido2ErrorCode.UnknownAttestationType
            or Fido2NetLib.Exceptions.Fido2ErrorCode.MissingAttestationType => CeremonyError.AttestationInvalid,
        _ => CeremonyError.CredentialMalformed,
    };

    private static partial class Log
    {
        [LoggerMessage(7001, LogLevel.Debug, "Passkey verification refused: {Error} ({ExceptionType}).")]
        public static partial void VerificationFailed(ILogger logger, CeremonyError error, string exceptionType);
    }
}
