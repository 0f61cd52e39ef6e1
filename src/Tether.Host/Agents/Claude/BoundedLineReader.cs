namespace Tether.Host.Agents.Claude;

/// <summary>
/// Reads a byte stream as <c>\n</c>-terminated lines, holding at most one line of
/// <see cref="MaxLineBytes"/> in memory: a longer line is read to its end and reported as skipped, and
/// the lines after it are read normally (reference pitfall 8: frame by lines, cap them, go on).
/// </summary>
internal sealed class BoundedLineReader
{
    private const byte NewLine = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';

    // Most stream-json lines are under a few KB; the buffer grows from here only for the rare big one.
    private const int InitialBufferBytes = 16 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _ended;

    public BoundedLineReader(Stream stream, int maxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _stream = stream;
        MaxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(InitialBufferBytes, maxLineBytes + 1)];
    }

    /// <summary>The longest line returned, in bytes, without its terminator.</summary>
    public int MaxLineBytes { get; }

    /// <summary>
    /// The next line, a skipped over-long line, or the end. A returned line's memory is valid until the
    /// next call. A last line without a terminator is returned as a line.
    /// </summary>
    public async ValueTask<LineReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        var scanned = _start;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, NewLine, scanned, _end - scanned);
            if (newline >= 0)
            {
                return Take(newline, newline + 1);
            }

            if (_end - _start > MaxLineBytes)
            {
                return await SkipRestAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_ended)
            {
                return _end > _start ? Take(_end, _end) : LineReadResult.End;
            }

            MakeRoom();
            // Everything up to _end has been searched already (MakeRoom may have moved it).
            scanned = _end;
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _ended = true;
            }

            _end += read;
        }
    }

    private LineReadResult Take(int lineEnd, int next)
    {
        var length = lineEnd - _start;
        if (length > 0 && _buffer[lineEnd - 1] == CarriageReturn)
        {
            length--;
        }

        var line = _buffer.AsMemory(_start, length);
        _start = next;
        return LineReadResult.Of(line);
    }

    // Moves unread bytes to the front, or grows the buffer (up to the cap plus one byte, enough to know
    // a line is too long) when they already fill it.
    private void MakeRoom()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, (long)MaxLineBytes + 1));
        }
    }

    private async ValueTask<LineReadResult> SkipRestAsync(CancellationToken cancellationToken)
    {
        long skipped = _end - _start;
        _start = _end = 0;
        while (true)
        {
            if (_ended)
            {
                return LineReadResult.Skipped(skipped);
            }

            var read = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _ended = true;
                continue;
            }

            var newline = Array.IndexOf(_buffer, NewLine, 0, read);
            if (newline >= 0)
            {
                skipped += newline;
                _start = newline + 1;
                _end = read;
                return LineReadResult.Skipped(skipped);
            }

            skipped += read;
        }
    }
}
