using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PasskeyGateway.LiveExchanges;

/// <summary>
/// The close frames the relay writes itself when an exchange ends: status 1008, policy violation (RFC 6455 §7.4.1),
/// with a reason in words that names no token, user or id. Toward the client as a server writes them (unmasked);
/// toward the backend as a client writes them (masked with a fresh key, RFC 6455 §5.3).
/// </summary>
internal static class WebSocketCloseFrames
{
    /// <summary>RFC 6455 §7.4.1: "an endpoint is terminating the connection because it has received a message that violates its policy".</summary>
    public const ushort PolicyViolation = 1008;

    private const byte FinalClose = 0x88;
    private const byte Masked = 0x80;

    /// <summary>The longest a masked close frame of ours is: the header, the mask key, the status, the longest reason.</summary>
    public const int MaxLength = 2 + 4 + 2 + 19;

    private static ReadOnlySpan<byte> Revoked => "credentials revoked"u8;

    private static ReadOnlySpan<byte> Expired => "token expired"u8;

    /// <summary>Writes the unmasked frame a server sends into <paramref name="destination"/>; answers its length.</summary>
    public static int WriteToClient(Span<byte> destination, LiveExchangeEnd end)
    {
        var reason = Reason(end);
        destination[0] = FinalClose;
        destination[1] = (byte)(2 + reason.Length);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], PolicyViolation);
        reason.CopyTo(destination[4..]);
        return 4 + reason.Length;
    }

    /// <summary>
    /// Writes the masked frame a client sends into <paramref name="destination"/> (at least <see cref="MaxLength"/>
    /// bytes); answers its length.
    /// </summary>
    public static int WriteToBackend(Span<byte> destination, LiveExchangeEnd end)
    {
        var reason = Reason(end);
        var payloadLength = 2 + reason.Length;
        destination[0] = FinalClose;
        destination[1] = (byte)(Masked | payloadLength);
        var key = destination.Slice(2, 4);
        RandomNumberGenerator.Fill(key);
        var payload = destination.Slice(6, payloadLength);
        BinaryPrimitives.WriteUInt16BigEndian(payload, PolicyViolation);
        reason.CopyTo(payload[2..]);
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] ^= key[i % 4];
        }

        return 6 + payloadLength;
    }

    private static ReadOnlySpan<byte> Reason(LiveExchangeEnd end) => end == LiveExchangeEnd.Revoked ? Revoked : Expired;
}
