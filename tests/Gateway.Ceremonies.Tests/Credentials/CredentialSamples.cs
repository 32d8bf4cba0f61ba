using System.Security.Cryptography;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

/// <summary>
/// Records with every field set to something other than its default, so a round trip that drops or swaps a field
/// shows. Times carry a microsecond fraction (the precision the stores keep) and, for one, a non-UTC offset.
/// </summary>
internal static class CredentialSamples
{
    public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    public static UserAccount User(string username) => new(
        CredentialIdentifiers.NewId(),
        username,
        $"{username} (display)",
        CredentialIdentifiers.NewUserHandle(),
        ["admin", "read-only, audit"],
        new DateTimeOffset(2026, 11, 27, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(10),
        Disabled: false)
    {
        Email = $"{username}@example.com",
        Groups = ["engineering", "on-call"],
    };

    public static SessionRecord Session(string userId, DateTimeOffset createdAt, string? id = null) => new(
        id ?? CredentialIdentifiers.NewId(),
        userId,
        createdAt,
        createdAt.AddHours(12),
        "passkey",
        "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0",
        DeviceId: null);

    public static EnrollmentLink Link(string userId, DateTimeOffset createdAt, byte[]? tokenHash = null) => new(
        tokenHash ?? RandomNumberGenerator.GetBytes(32),
        userId,
        createdAt,
        createdAt.AddDays(1),
        "cli");

    public static Passkey Passkey(string userId, byte[]? credentialId = null) => new(
        credentialId ?? RandomNumberGenerator.GetBytes(32),
        userId,
        RandomNumberGenerator.GetBytes(77),
        SignCount: 4_000_000_000,
        Guid.NewGuid(),
        ["internal", "hybrid"],
        BackupEligible: true,
        BackupState: true,
        AttestationFormat: "packed",
        AttestationTrust.Untrusted,
        Nickname: "Work laptop",
        CreatedAt: Now.AddDays(-2),
        LastUsedAt: Now.AddDays(-1),
        FlaggedAt: Now.AddHours(-1),
        FlagReason: "sign-count-regression");

    public static BoundDevice Device(string userId, string deviceKeyId = "device-key") => new(
        CredentialIdentifiers.NewId(),
        userId,
        deviceKeyId,
        RandomNumberGenerator.GetBytes(91),
        KeyAlgorithm.ES256,
        SignatureFormat.Raw,
        Name: "Pixel 9",
        Platform: "android",
        CreatedAt: Now.AddDays(-2),
        LastUsedAt: Now.AddDays(-1),
        RevokedAt: null);

    public static BiometricKey BiometricKey(string userId, string? deviceId = null) => new(
        Guid.NewGuid().ToString(),
        userId,
        deviceId,
        RandomNumberGenerator.GetBytes(294),
        KeyAlgorithm.PS256,
        SignatureFormat.Der,
        Name: "Face ID",
        CreatedAt: Now.AddDays(-2),
        LastUsedAt: Now.AddDays(-1),
        RevokedAt: null);

    public static AuditEntry Audit(string? userId, string @event = "passkey.authentication") => new(
        Now,
        userId,
        @event,
        "success",
        ClientIp: "203.0.113.7",
        UserAgent: "Mozilla/5.0 (test)",
        Detail: "aaguid=01020304-0506-0708-0102-030405060708");
}
