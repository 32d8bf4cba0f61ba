namespace PasskeyGateway.LiveExchanges;

/// <summary>
/// Follows the frames of one direction of a relayed WebSocket (RFC 6455 §5.2) as its bytes pass, without holding any
/// of them: only the frame headers are read, payloads are skipped by their length. It answers the one question a
/// relay must ask before it writes a frame of its own into the stream: is the stream between two frames? Control
/// frames may come between the fragments of a message (RFC 6455 §5.4), so any frame boundary will do.
/// </summary>
internal struct WebSocketFrameTracker
{
    private const int OpcodeClose = 0x8;

    private int _headerRead;
    private int _lengthEnd;
    private int _headerLength;
    private ulong _payloadLength;
    private ulong _payloadLeft;

    /// <summary>Between two frames: a frame of the relay's own may be written here.</summary>
    public readonly bool AtBoundary => !IsLost && _headerRead == 0 && _payloadLeft == 0;

    /// <summary>A close frame has passed: its sender sends nothing more (RFC 6455 §5.5.1), so no second close may follow.</summary>
    public bool SawClose { get; private set; }

    /// <summary>The bytes were not WebSocket frames (a length with its top bit set): never at a boundary again.</summary>
    public bool IsLost { get; private set; }

    public void Advance(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && !IsLost)
        {
            if (_payloadLeft > 0)
            {
                var skipped = (int)Math.Min(_payloadLeft, (ulong)data.Length);
                _payloadLeft -= (ulong)skipped;
                data = data[skipped..];
                continue;
            }

            ReadHeaderByte(data[0]);
            data = data[1..];
        }
    }

    private void ReadHeaderByte(byte value)
    {
        switch (_headerRead)
        {
            case 0:
                // FIN, RSV1-3 (extensions such as permessage-deflate use them; the framing is the same) and the opcode.
                SawClose |= (value & 0x0F) == OpcodeClose;
                break;
            case 1:
                // MASK and the 7-bit length: 126 means a 16-bit length follows, 127 a 64-bit one; then the 4-byte mask key.
                var length = value & 0x7F;
                _lengthEnd = 2 + (length == 126 ? 2 : length == 127 ? 8 : 0);
                _headerLength = _lengthEnd + ((value & 0x80) != 0 ? 4 : 0);
                _payloadLength = length < 126 ? (ulong)length : 0;
                break;
            default:
                if (_headerRead < _lengthEnd)
                {
                    _payloadLength = (_payloadLength << 8) | value;
                }

                break;
        }

        _headerRead++;
        if (_headerRead >= 2 && _headerRead == _headerLength)
        {
            // RFC 6455 §5.2: the most significant bit of a 64-bit length must be 0.
            IsLost = _payloadLength > long.MaxValue;
            _payloadLeft = _payloadLength;
            _payloadLength = 0;
            _headerRead = 0;
        }
    }
}
