using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

/// <summary>
/// Every field of a record as a value-equal anonymous object: the records hold bytes and lists, which compare by
/// reference. Assert.Equal on two of these compares all fields and prints them when they differ.
/// </summary>
internal static class Comparable
{
    public static object? Of(UserAccount? user) => user is null ? null : new
    {
        user.Id,
        user.Username,
        user.DisplayName,
        UserHandle = Convert.ToHexString(user.UserHandle.Span),
        Roles = string.Join(" | ", user.Roles),
        user.CreatedAt,
        user.Disabled,
        user.Email,
        Groups = string.Join(" | ", user.Groups),
        user.Version,
    };

    public static object? Of(Passkey? passkey) => passkey is null ? null : new
    {
        CredentialId = Convert.ToHexString(passkey.CredentialId.Span),
        passkey.UserId,
        PublicKey = Convert.ToHexString(passkey.PublicKey.Span),
        passkey.SignCount,
        passkey.Aaguid,
        Transports = string.Join(" | ", passkey.Transports),
        passkey.BackupEligible,
        passkey.BackupState,
        passkey.AttestationFormat,
        passkey.AttestationTrust,
        passkey.Nickname,
        passkey.CreatedAt,
        passkey.LastUsedAt,
        passkey.FlaggedAt,
        passkey.FlagReason,
    };

    public static object? Of(BoundDevice? device) => device is null ? null : new
    {
        device.DeviceId,
        device.UserId,
        device.DeviceKeyId,
        PublicKey = Convert.ToHexString(device.PublicKey.Span),
        device.Algorithm,
        device.SignatureFormat,
        device.Name,
        device.Platform,
        device.CreatedAt,
        device.LastUsedAt,
        device.RevokedAt,
    };

    public static object? Of(BiometricKey? key) => key is null ? null : new
    {
        key.KeyId,
        key.UserId,
        key.DeviceId,
        PublicKey = Convert.ToHexString(key.PublicKey.Span),
        key.Algorithm,
        key.SignatureFormat,
        key.Name,
        key.CreatedAt,
        key.LastUsedAt,
        key.RevokedAt,
    };

    public static object?[] All(IEnumerable<Passkey> passkeys) => [.. passkeys.Select(Of)];

    public static object?[] All(IEnumerable<BoundDevice> devices) => [.. devices.Select(Of)];

    public static object?[] All(IEnumerable<BiometricKey> keys) => [.. keys.Select(Of)];
}
