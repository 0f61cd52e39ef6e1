using System.Buffers;

namespace Tether.Relay.Connections;

/// <summary>
/// The upgraded connection's stream as the connection's WebSocket sees it: reads pass straight
/// through; writes pass straight through too, unless the send loop has said that more frames follow
/// (<see cref="MoreToCome"/>), in which case they are gathered and go out with the next write that
/// is not held back. A queue of small frames thus leaves in one write, one flush and usually one
/// <c>send</c> call, instead of one of each per frame.
/// </summary>
/// <remarks>
/// Every write reaches this stream from inside the WebSocket's own send lock (frames, pongs, pings,
/// the close frame), so the gathered bytes are only ever touched by one write at a time: no lock of
/// ours. <see cref="MoreToCome"/> is set only by the send loop, just before it sends a frame that has
/// another one queued behind it; it sends every frame with the flag cleared before the queue runs dry,
/// and the close frame too, so nothing gathered can be left behind on a live connection. A pong or
/// ping that comes while the flag is set waits for at most the rest of the batch.
/// The gathering buffer is rented for one batch only: an idle connection holds none.
/// </remarks>
internal sealed class BatchingStream(Stream inner) : Stream
{
    /// <summary>16 KiB: dozens of small frames; a write that would not fit sends what is gathered first.</summary>
    private const int GatherLength = 16 * 1024;

    /// <summary>Frames at least this big go out on their own: copying them would cost more than a flush saves.</summary>
    private const int DirectLength = GatherLength / 2;

    private byte[]? _gathered;
    private int _count;
    private volatile bool _moreToCome;

    /// <summary>Set by the send loop while the frame it is about to send has another behind it.</summary>
    public bool MoreToCome
    {
        get => _moreToCome;
        set => _moreToCome = value;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_moreToCome && buffer.Length < DirectLength)
        {
            var gathered = _gathered ??= ArrayPool<byte>.Shared.Rent(GatherLength);
            if (_count + buffer.Length <= gathered.Length)
            {
                buffer.Span.CopyTo(gathered.AsSpan(_count));
                _count += buffer.Length;
                return ValueTask.CompletedTask;
            }
        }

        return _count == 0 ? inner.WriteAsync(buffer, cancellationToken) : WriteGatheredAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        Release();
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Sends what is gathered, then <paramref name="buffer"/>: gathered into the same write if it fits.</summary>
    private async ValueTask WriteGatheredAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        var gathered = _gathered!;
        try
        {
            if (_count + buffer.Length <= gathered.Length)
            {
                buffer.Span.CopyTo(gathered.AsSpan(_count));
                _count += buffer.Length;
                await inner.WriteAsync(gathered.AsMemory(0, _count), cancellationToken).ConfigureAwait(false);
                return;
            }

            await inner.WriteAsync(gathered.AsMemory(0, _count), cancellationToken).ConfigureAwait(false);
            _count = 0;
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release();
        }
    }

    private void Release()
    {
        _count = 0;
        if (_gathered is { } gathered)
        {
            _gathered = null;
            ArrayPool<byte>.Shared.Return(gathered);
        }
    }
}
