using System.IO.Pipelines;
using PasskeyGateway.LiveExchanges;

namespace PasskeyGateway.Tests.LiveExchanges;

/// <summary>
/// The relay between YARP and a client's upgraded stream, driven as YARP drives it (a zero-byte read while the client
/// is quiet, then a read with a buffer; writes of the backend's bytes): closed between frames, both legs get a 1008
/// close frame and nothing after it; closed inside frames, neither gets a frame, only the end.
/// </summary>
public sealed class WebSocketRelayStreamTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CloseAsync_BetweenFrames_ClosesTheClientWith1008_AndHandsTheBackendA1008FrameThenTheEnd()
    {
        var client = new FakeClient();
        await using var relay = new WebSocketRelayStream(client);
        var fromBackend = WebSocketFrameTrackerTests.Frame(0x1, 10, masked: false);
        await relay.WriteAsync(fromBackend, Cancel);
        await client.SendAsync(WebSocketFrameTrackerTests.Frame(0x1, 4, masked: true));
        var buffer = new byte[4096];
        Assert.Equal(10, await relay.ReadAsync(buffer, Cancel));
        var quiet = relay.ReadAsync(Memory<byte>.Empty, Cancel);
        Assert.False(quiet.IsCompleted);

        Assert.True(await relay.CloseAsync(LiveExchangeEnd.Revoked, Cancel));

        Assert.Equal(0, await quiet);
        var written = client.Written;
        var close = written[fromBackend.Length..];
        Assert.Equal([0x88, (byte)(2 + "credentials revoked".Length), 0x03, 0xF0], close[..4]);

        var toBackend = await relay.ReadAsync(buffer, Cancel);
        var tracker = new WebSocketFrameTracker();
        tracker.Advance(buffer.AsSpan(0, toBackend));
        Assert.True(tracker.AtBoundary && tracker.SawClose);
        Assert.Equal(0x80, buffer[1] & 0x80);
        Assert.Equal(0, await relay.ReadAsync(buffer, Cancel));

        // The backend answers the close; nothing may follow the relay's own close frame to the client.
        await relay.WriteAsync(WebSocketFrameTrackerTests.Frame(0x8, 2, masked: false), Cancel);
        Assert.Equal(written.Length, client.Written.Length);
    }

    [Fact]
    public async Task CloseAsync_InsideFramesBothWays_SendsNoFrame_AndEndsTheBackendLegWithoutOne()
    {
        var client = new FakeClient();
        await using var relay = new WebSocketRelayStream(client);
        var fromBackend = WebSocketFrameTrackerTests.Frame(0x2, 100, masked: false);
        await relay.WriteAsync(fromBackend.AsMemory(0, 50), Cancel);
        var fromClient = WebSocketFrameTrackerTests.Frame(0x2, 100, masked: true);
        await client.SendAsync(fromClient[..60]);
        var buffer = new byte[4096];
        Assert.Equal(60, await relay.ReadAsync(buffer, Cancel));

        Assert.False(await relay.CloseAsync(LiveExchangeEnd.Expired, Cancel));

        Assert.Equal(50, client.Written.Length);
        Assert.Equal(0, await relay.ReadAsync(buffer, Cancel));
    }

    [Fact]
    public async Task CloseAsync_AfterTheBackendSentItsOwnClose_SendsTheClientNoSecondOne()
    {
        var client = new FakeClient();
        await using var relay = new WebSocketRelayStream(client);
        var backendClose = WebSocketFrameTrackerTests.Frame(0x8, 2, masked: false);
        await relay.WriteAsync(backendClose, Cancel);

        await relay.CloseAsync(LiveExchangeEnd.Revoked, Cancel);

        Assert.Equal(backendClose.Length, client.Written.Length);
    }

    /// <summary>A client's upgraded stream: what the test sends arrives through a pipe; what the relay writes is kept.</summary>
    private sealed class FakeClient : Stream
    {
        private readonly Pipe _incoming = new();
        private readonly Stream _reader;
        private readonly MemoryStream _written = new();

        public FakeClient()
        {
            _reader = _incoming.Reader.AsStream();
        }

        public byte[] Written
        {
            get
            {
                lock (_written)
                {
                    return _written.ToArray();
                }
            }
        }

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public async Task SendAsync(byte[] bytes) => await _incoming.Writer.WriteAsync(bytes);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _reader.ReadAsync(buffer, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (_written)
            {
                _written.Write(buffer.Span);
            }

            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _reader.Dispose();
                _written.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
