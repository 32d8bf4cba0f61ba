namespace PasskeyGateway.CeremonyHosting;

/// <summary>
/// One endpoint of a ceremony: its name (the <c>ceremony</c> label of metrics, traces and the audit trail) and its
/// step. An <see cref="CeremonyStep.Options"/> step hands out a challenge and changes nothing, so it is counted but not
/// audited (a flood of them must not fill the disk); a <see cref="CeremonyStep.Finish"/> is audited, and its failures
/// count against the client's and the account's failure limits.
/// </summary>
internal sealed record Ceremony(string Name, CeremonyStep Step)
{
    public static readonly Ceremony PasskeyRegistrationOptions = new("passkey_registration_options", CeremonyStep.Options);
    public static readonly Ceremony PasskeyRegistration = new("passkey_registration", CeremonyStep.Finish);
    public static readonly Ceremony PasskeyAuthenticationOptions = new("passkey_authentication_options", CeremonyStep.Options);
    public static readonly Ceremony PasskeyAuthentication = new("passkey_authentication", CeremonyStep.Finish);
    public static readonly Ceremony DeviceBindingOptions = new("device_binding_options", CeremonyStep.Options);
    public static readonly Ceremony DeviceBinding = new("device_binding", CeremonyStep.Finish);
    public static readonly Ceremony DeviceVerificationOptions = new("device_verification_options", CeremonyStep.Options);
    public static readonly Ceremony DeviceVerification = new("device_verification", CeremonyStep.Finish);
    public static readonly Ceremony BiometricRegistrationOptions = new("biometric_registration_options", CeremonyStep.Options);
    public static readonly Ceremony BiometricRegistration = new("biometric_registration", CeremonyStep.Finish);
    public static readonly Ceremony BiometricAuthenticationOptions = new("biometric_authentication_options", CeremonyStep.Options);
    public static readonly Ceremony BiometricAuthentication = new("biometric_authentication", CeremonyStep.Finish);
    public static readonly Ceremony EnrollmentOptions = new("enrollment_options", CeremonyStep.Options);
    public static readonly Ceremony Enrollment = new("enrollment", CeremonyStep.Finish);

    public bool IsFinish => Step == CeremonyStep.Finish;
}
