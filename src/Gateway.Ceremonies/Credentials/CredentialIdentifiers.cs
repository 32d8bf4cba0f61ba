using System.Buffers.Text;
using System.Security.Cryptography;

namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// The random identifiers the gateway assigns. The repository stores what it is given, so a ceremony can put a user
/// handle in the registration options before the account exists.
/// </summary>
internal static class CredentialIdentifiers
{
    /// <summary>128 random bits, base64url without padding: a user id or a device id.</summary>
    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>32 random bytes: WebAuthn L3 §5.4.3 asks for a random handle of at most 64 bytes that identifies no one.</summary>
    public static byte[] NewUserHandle() => RandomNumberGenerator.GetBytes(32);
}
