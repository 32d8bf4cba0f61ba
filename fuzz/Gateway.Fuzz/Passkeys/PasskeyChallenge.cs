using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using PasskeyGateway.Ceremonies;

namespace PasskeyGateway.Fuzz.Passkeys;

/// <summary>
/// <c>PasskeyCeremonies.ConsumeAsync</c> up to the challenge store: the client data must be readable and its
/// challenge base64url. The same calls and the same catch, so what escapes there escapes here.
/// </summary>
internal static class PasskeyChallenge
{
    public static bool TryRead(byte[] clientDataJson, [NotNullWhen(true)] out byte[]? challenge)
    {
        challenge = null;
        if (!ClientData.TryRead(clientDataJson, out var clientData))
        {
            return false;
        }

        try
        {
            challenge = Base64Url.DecodeFromChars(clientData.Challenge);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
