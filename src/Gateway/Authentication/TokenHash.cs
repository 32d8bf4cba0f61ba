using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace PasskeyGateway.Authentication;

/// <summary>
/// The cache key of a validated token: SHA-256 of its text and its source. A cryptographic hash, because a collision
/// would hand one token's identity to another; the token text itself is never kept.
/// </summary>
internal readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D, TokenSource Source)
{
    public static TokenHash Compute(string token, TokenSource source)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(token.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= 2048 ? stackalloc byte[2048] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = Encoding.UTF8.GetBytes(token, buffer);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..length], digest);
            var words = MemoryMarshal.Cast<byte, ulong>(digest);
            return new TokenHash(words[0], words[1], words[2], words[3], source);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
