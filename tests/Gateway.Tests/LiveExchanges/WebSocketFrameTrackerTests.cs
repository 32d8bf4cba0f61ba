using PasskeyGateway.LiveExchanges;

namespace PasskeyGateway.Tests.LiveExchanges;

/// <summary>
/// The frame boundaries of a WebSocket byte stream (RFC 6455 §5.2), followed however the relay's chunks cut it: the
/// three length forms, masked and unmasked, a close frame seen, a length no endpoint may send.
/// </summary>
public sealed class WebSocketFrameTrackerTests
{
    public static TheoryData<string, int> Frames => new()
    {
        // name, payload length: 7-bit, 16-bit (126) and 64-bit (127) length forms, each masked and not
        { "empty", 0 },
        { "7-bit", 125 },
        { "16-bit", 126 },
        { "16-bit, large", 65_535 },
        { "64-bit", 65_536 },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Advance_ChunkedAtEveryByte_IsAtABoundaryOnlyBetweenFrames(string name, int payloadLength)
    {
        foreach (var masked in new[] { false, true })
        {
            var first = Frame(0x1, payloadLength, masked);
            var second = Frame(0x2, 3, masked);
            var stream = first.Concat(second).ToArray();
            var tracker = new WebSocketFrameTracker();

            for (var i = 0; i < stream.Length; i++)
            {
                tracker.Advance(stream.AsSpan(i, 1));
                var boundary = i + 1 == first.Length || i + 1 == stream.Length;
                Assert.True(tracker.AtBoundary == boundary, $"{name}, masked {masked}: after byte {i + 1} of {stream.Length}, AtBoundary was {tracker.AtBoundary}.");
            }

            Assert.False(tracker.SawClose);
        }
    }

    [Fact]
    public void Advance_ManyFramesInOneChunk_EndsAtABoundary_AndInsideOneWhenCutShort()
    {
        var stream = Enumerable.Range(0, 50).SelectMany(i => Frame(0x2, i * 7, masked: i % 2 == 0)).ToArray();
        var whole = new WebSocketFrameTracker();
        var cut = new WebSocketFrameTracker();

        whole.Advance(stream);
        cut.Advance(stream.AsSpan(0, stream.Length - 1));

        Assert.True(whole.AtBoundary);
        Assert.False(cut.AtBoundary);
    }

    [Fact]
    public void Advance_ACloseFrame_IsSeen()
    {
        var tracker = new WebSocketFrameTracker();

        tracker.Advance(Frame(0x1, 5, masked: true));
        Assert.False(tracker.SawClose);
        tracker.Advance(Frame(0x8, 2, masked: true));

        Assert.True(tracker.SawClose);
        Assert.True(tracker.AtBoundary);
    }

    [Fact]
    public void Advance_A64BitLengthWithItsTopBitSet_IsLost_AndNeverAtABoundaryAgain()
    {
        var tracker = new WebSocketFrameTracker();

        tracker.Advance([0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 1]);
        tracker.Advance(Frame(0x1, 1, masked: false));

        Assert.True(tracker.IsLost);
        Assert.False(tracker.AtBoundary);
    }

    [Fact]
    public void CloseFrames_AreWholeFrames_ToTheClientUnmasked_AndToTheBackendMasked()
    {
        Span<byte> buffer = stackalloc byte[WebSocketCloseFrames.MaxLength];
        foreach (var end in new[] { LiveExchangeEnd.Revoked, LiveExchangeEnd.Expired })
        {
            var toClient = WebSocketCloseFrames.WriteToClient(buffer, end);
            var client = new WebSocketFrameTracker();
            client.Advance(buffer[..toClient]);
            Assert.True(client.AtBoundary && client.SawClose);
            Assert.Equal(0, buffer[1] & 0x80);
            Assert.Equal(1008, (buffer[2] << 8) | buffer[3]);

            var toBackend = WebSocketCloseFrames.WriteToBackend(buffer, end);
            var backend = new WebSocketFrameTracker();
            backend.Advance(buffer[..toBackend]);
            Assert.True(backend.AtBoundary && backend.SawClose);
            Assert.Equal(0x80, buffer[1] & 0x80);
            Assert.Equal(1008, ((buffer[6] ^ buffer[2]) << 8) | (buffer[7] ^ buffer[3]));
        }
    }

    /// <summary>A final frame of <paramref name="opcode"/> with a payload of <paramref name="length"/> bytes.</summary>
    internal static byte[] Frame(int opcode, int length, bool masked)
    {
        var header = new List<byte> { (byte)(0x80 | opcode) };
        var mask = masked ? 0x80 : 0;
        if (length < 126)
        {
            header.Add((byte)(mask | length));
        }
        else if (length <= ushort.MaxValue)
        {
            header.Add((byte)(mask | 126));
            header.Add((byte)(length >> 8));
            header.Add((byte)length);
        }
        else
        {
            header.Add((byte)(mask | 127));
            header.AddRange(BitConverter.GetBytes((ulong)length).Reverse());
        }

        if (masked)
        {
            header.AddRange([1, 2, 3, 4]);
        }

        return [.. header, .. Enumerable.Repeat((byte)'x', length)];
    }
}
