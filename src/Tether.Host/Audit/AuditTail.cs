namespace Tether.Host.Audit;

/// <summary>
/// What the end of the log holds: the hash and seq of its last complete line, and any bytes after the
/// last newline (a torn write). Read before every append, under the lock, so that records another
/// process added are chained onto, and compared with <c>audit.head</c>.
/// </summary>
/// <param name="Length">The file's length in bytes (0 when it does not exist).</param>
/// <param name="LastLineHash">SHA-256 of the last complete line; <see cref="AuditLine.FirstPrev"/> when there is none.</param>
/// <param name="LastLineSeq">That line's seq, or null when it is not a record (or there is no line).</param>
/// <param name="Seq">The seq of the last line that is a record: the next record gets this + 1.</param>
/// <param name="TornBytes">Bytes after the last newline: a record whose write was cut short, or a cut log.</param>
/// <param name="TornHash">SHA-256 of those bytes (what the next record chains to once they end a line), or null.</param>
internal readonly record struct AuditTail(long Length, string LastLineHash, long? LastLineSeq, long Seq, int TornBytes, string? TornHash)
{
    /// <summary>
    /// The window read from the end first. Records are a few hundred bytes, and every text field is capped
    /// (<see cref="AuditText"/>) so even an all-escaped record stays far below this; only a hand-made line
    /// needs the window to grow.
    /// </summary>
    public const int MaxLineBytes = 64 * 1024;

    public static AuditTail Empty { get; } = new(0, AuditLine.FirstPrev, null, 0, 0, null);

    /// <summary>Reads the tail of <paramref name="path"/> (which the caller has checked is a private regular file).</summary>
    public static AuditTail Read(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        var length = stream.Length;
        for (var window = (int)Math.Min(length, MaxLineBytes); ; window = (int)Math.Min(length, (long)window * 2))
        {
            var bytes = new byte[window];
            stream.Seek(length - window, SeekOrigin.Begin);
            stream.ReadExactly(bytes);
            if (TryRead(bytes, length, window == length) is { } tail)
            {
                return tail;
            }
        }
    }

    /// <summary>The tail from the last <paramref name="bytes"/> of the file; null when the window must grow.</summary>
    private static AuditTail? TryRead(ReadOnlySpan<byte> bytes, long length, bool wholeFile)
    {
        var lastNewLine = bytes.LastIndexOf(AuditLine.NewLine);
        var torn = bytes.Length - lastNewLine - 1;
        var tornHash = torn > 0 ? AuditLine.Hash(bytes[(lastNewLine + 1)..]) : null;
        if (lastNewLine < 0)
        {
            return wholeFile ? new AuditTail(length, AuditLine.FirstPrev, null, 0, torn, tornHash) : null;
        }

        // Walk back line by line: the last line gives the hash, the last record the seq.
        string? lastHash = null;
        long? lastLineSeq = null;
        var end = lastNewLine;
        while (end >= 0)
        {
            var start = bytes[..end].LastIndexOf(AuditLine.NewLine) + 1;
            if (start == 0 && !wholeFile)
            {
                return null;
            }

            var line = bytes[start..end];
            var header = AuditLine.TryParse(line, out var parsed, out _) is null ? parsed : (AuditLineHeader?)null;
            if (lastHash is null)
            {
                lastHash = AuditLine.Hash(line);
                lastLineSeq = header?.Seq;
            }

            if (header is { } record)
            {
                return new AuditTail(length, lastHash, lastLineSeq, record.Seq, torn, tornHash);
            }

            end = start - 1;
        }

        return new AuditTail(length, lastHash!, lastLineSeq, 0, torn, tornHash);
    }
}
