namespace Tether.Host.Agents.Claude;

/// <summary>One step of a <see cref="BoundedLineReader"/>.</summary>
internal readonly record struct LineReadResult(LineReadKind Kind, ReadOnlyMemory<byte> Line, long SkippedBytes)
{
    public static LineReadResult End => new(LineReadKind.End, default, 0);

    public static LineReadResult Of(ReadOnlyMemory<byte> line) => new(LineReadKind.Line, line, 0);

    public static LineReadResult Skipped(long bytes) => new(LineReadKind.TooLong, default, bytes);
}

/// <summary>What a <see cref="LineReadResult"/> holds.</summary>
internal enum LineReadKind
{
    /// <summary>A whole line, without its <c>\n</c> (and <c>\r</c>).</summary>
    Line,

    /// <summary>A line over the cap was read to its end and thrown away.</summary>
    TooLong,

    /// <summary>The stream ended.</summary>
    End,
}
