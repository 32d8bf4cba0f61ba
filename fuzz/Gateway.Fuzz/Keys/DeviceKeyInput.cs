using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;

namespace PasskeyGateway.Fuzz.Keys;

/// <summary>
/// How <see cref="DeviceKeyTarget"/> reads one input as the fields of a device or biometric key registration:
/// <c>[algorithm][format|text flag][SPKI length, 2 bytes BE][SPKI][signature]</c>. The names include wrong ones, so
/// the field checks run as well; with the text flag the SPKI bytes are the <c>publicKey</c> string itself (Latin-1),
/// which puts the base64url check under the fuzzer too.
/// </summary>
internal readonly record struct DeviceKeyInput(string? Algorithm, string? Format, string PublicKey, byte[] Signature)
{
    public const byte TextFlag = 0x80;

    public static readonly string?[] Algorithms = ["RS256", "PS256", "ES256", null, "es256", "EdDSA"];

    public static readonly string?[] Formats = [null, "der", "raw", "DER", ""];

    public static DeviceKeyInput? Read(ReadOnlySpan<byte> input)
    {
        if (input.Length < 4)
        {
            return null;
        }

        var spkiLength = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(input[2..]), input.Length - 4);
        var spki = input.Slice(4, spkiLength);
        var publicKey = (input[1] & TextFlag) != 0 ? Encoding.Latin1.GetString(spki) : Base64Url.EncodeToString(spki);
        return new DeviceKeyInput(
            Algorithms[input[0] % Algorithms.Length],
            Formats[(input[1] & 0x07) % Formats.Length],
            publicKey,
            input[(4 + spkiLength)..].ToArray());
    }

    /// <summary>The input that reads back as these fields (SPKI as base64url).</summary>
    public static byte[] Write(int algorithm, int format, ReadOnlySpan<byte> spki, ReadOnlySpan<byte> signature)
    {
        var bytes = new byte[4 + spki.Length + signature.Length];
        bytes[0] = (byte)algorithm;
        bytes[1] = (byte)format;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)spki.Length);
        spki.CopyTo(bytes.AsSpan(4));
        signature.CopyTo(bytes.AsSpan(4 + spki.Length));
        return bytes;
    }
}
