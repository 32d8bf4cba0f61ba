using System.Buffers.Binary;

namespace PasskeyGateway.Ceremonies.Challenges;

/// <summary>
/// A stored challenge: when it expires and the ceremony's state. The expiry is kept inside the record, read from the
/// injected clock, and the record itself outlives it by <see cref="Retention"/>: a challenge answered a little too
/// late is reported as <see cref="ChallengeStatus.Expired"/> (the client is told to start over), one long gone as
/// <see cref="ChallengeStatus.Unknown"/>.
/// </summary>
internal static class ChallengeRecord
{
    /// <summary>How long a store keeps a challenge after it expired, to tell "expired" from "unknown".</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(1);

    /// <summary>Layout version 1: [version byte][expiry, Unix milliseconds, big-endian int64][state bytes].</summary>
    private const byte Version = 1;

    private const int HeaderLength = 1 + sizeof(long);

    /// <summary>When a challenge issued <paramref name="now"/> expires, in whole milliseconds as the record keeps it.</summary>
    public static DateTimeOffset ExpiryFor(DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        return DateTimeOffset.FromUnixTimeMilliseconds((now + lifetime).ToUnixTimeMilliseconds());
    }

    public static byte[] Encode(DateTimeOffset expiresAt, ReadOnlySpan<byte> state)
    {
        var record = new byte[HeaderLength + state.Length];
        record[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(record.AsSpan(1), expiresAt.ToUnixTimeMilliseconds());
        state.CopyTo(record.AsSpan(HeaderLength));
        return record;
    }

    public static bool TryDecode(ReadOnlyMemory<byte> record, out DateTimeOffset expiresAt, out ReadOnlyMemory<byte> state)
    {
        var span = record.Span;
        if (span.Length < HeaderLength || span[0] != Version)
        {
            expiresAt = default;
            state = default;
            return false;
        }

        expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(span[1..]));
        state = record[HeaderLength..];
        return true;
    }

    /// <summary>The outcome for the one caller that took the record out of the store.</summary>
    public static ChallengeConsumeResult Judge(DateTimeOffset expiresAt, ReadOnlyMemory<byte> state, DateTimeOffset now) =>
        now < expiresAt ? ChallengeConsumeResult.Consumed(state) : ChallengeConsumeResult.Expired;
}
