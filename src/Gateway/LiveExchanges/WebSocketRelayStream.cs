namespace PasskeyGateway.LiveExchanges;

/// <summary>
/// The client's side of a relayed WebSocket, as YARP sees it once the upgrade is done: YARP reads the client's frames
/// from it and writes the backend's frames into it, byte for byte, in chunks that need not end where frames end.
/// This stream follows the frames in both directions (<see cref="WebSocketFrameTracker"/>), so that when the exchange
/// ends it can close both legs with 1008 the way endpoints do — a close frame between two frames, never inside one:
/// toward the client it writes one itself, under the same lock as YARP's writes; toward the backend it hands YARP's
/// next read a masked close frame and then the end of the stream, and YARP forwards both. Where a direction is
/// inside a frame (a message half sent) no frame goes that way, and the caller's abort ends it.
/// </summary>
internal sealed class WebSocketRelayStream(Stream client) : Stream
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TaskCompletionSource _closeRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // What YARP read from the client (and sends on to the backend); only YARP's read loop moves it.
    private WebSocketFrameTracker _fromClient;

    // What YARP wrote to the client (from the backend); moved under _writeLock.
    private WebSocketFrameTracker _toClient;
    private bool _clientLegClosed;
    private bool _backendLegClosed;
    private LiveExchangeEnd _end;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// Closes both legs with 1008 where each is between frames: now toward the client; at YARP's next read toward the
    /// backend (YARP reads from the client all the time, with a zero-byte read while the client is quiet, which this
    /// completes). Answers whether a close frame went, or can still go, to either leg — whether waiting for the
    /// backend to answer and hang up is worth it.
    /// </summary>
    public async Task<bool> CloseAsync(LiveExchangeEnd end, CancellationToken cancellationToken)
    {
        _end = end;
        var framed = false;
        try
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                if (!_clientLegClosed && _toClient.AtBoundary && !_toClient.SawClose)
                {
                    var frame = new byte[WebSocketCloseFrames.MaxLength];
                    var length = WebSocketCloseFrames.WriteToClient(frame, end);
                    await client.WriteAsync(frame.AsMemory(0, length), cancellationToken);
                    await client.FlushAsync(cancellationToken);
                    framed = true;
                }

                _clientLegClosed = true;
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client is gone or stuck: the caller aborts the exchange.
        }

        // Only now, so that the backend's answer to its close frame finds the client leg closed and is dropped,
        // rather than reaching the client before the relay's own close frame.
        _closeRequested.TrySetResult();
        return framed || (_fromClient.AtBoundary && !_fromClient.SawClose);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_closeRequested.Task.IsCompleted)
        {
            return new ValueTask<int>(ReadWhileClosing(buffer.Span));
        }

        var read = client.ReadAsync(buffer, cancellationToken);
        if (buffer.IsEmpty)
        {
            return read.IsCompleted ? read : WaitForDataOrCloseAsync(read);
        }

        if (read.IsCompletedSuccessfully)
        {
            var count = read.Result;
            _fromClient.Advance(buffer.Span[..count]);
            return new ValueTask<int>(count);
        }

        return TrackReadAsync(read, buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // Nothing may follow a close frame (RFC 6455 §5.5.1): the backend's answer to the relay's close is dropped.
            if (_clientLegClosed)
            {
                return;
            }

            _toClient.Advance(buffer.Span);
            await client.WriteAsync(buffer, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => client.FlushAsync(cancellationToken);

    /// <summary>A relayed WebSocket is read and written asynchronously only (Kestrel refuses synchronous IO too).</summary>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush() => client.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            client.Dispose();
            _writeLock.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        _writeLock.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Once closing: a masked 1008 close frame if the client's direction is between frames, then the end of the stream.</summary>
    private int ReadWhileClosing(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _backendLegClosed)
        {
            return 0;
        }

        _backendLegClosed = true;
        return _fromClient.AtBoundary && !_fromClient.SawClose && buffer.Length >= WebSocketCloseFrames.MaxLength
            ? WebSocketCloseFrames.WriteToBackend(buffer, _end)
            : 0;
    }

    /// <summary>
    /// A zero-byte read — YARP's way of waiting for the client without holding a buffer — also ends when the exchange
    /// is closing, so the close frame goes to the backend at once even while the client is quiet.
    /// </summary>
    private async ValueTask<int> WaitForDataOrCloseAsync(ValueTask<int> waiting)
    {
        var read = waiting.AsTask();
        if (await Task.WhenAny(read, _closeRequested.Task) == read)
        {
            return await read;
        }

        // That read has no buffer and stays pending until the connection goes; how it ends is of no interest.
        _ = read.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return 0;
    }

    private async ValueTask<int> TrackReadAsync(ValueTask<int> read, Memory<byte> buffer)
    {
        var count = await read;
        _fromClient.Advance(buffer.Span[..count]);
        return count;
    }
}
