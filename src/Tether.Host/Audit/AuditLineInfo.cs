namespace Tether.Host.Audit;

/// <summary>One complete line of a log as the verifier sees it: its bytes' hash and, if it is a record, its header.</summary>
internal sealed record AuditLineInfo(int Number, ReadOnlyMemory<byte> Bytes, string Hash, AuditLineHeader? Header, string? Error, bool NotJson)
{
    /// <summary>Splits a log into its complete lines; <paramref name="torn"/> gets the bytes after the last newline.</summary>
    public static List<AuditLineInfo> Split(ReadOnlyMemory<byte> log, out ReadOnlyMemory<byte> torn)
    {
        var lines = new List<AuditLineInfo>();
        var start = 0;
        var span = log.Span;
        while (span[start..].IndexOf(AuditLine.NewLine) is var offset and >= 0)
        {
            var bytes = log.Slice(start, offset);
            var error = AuditLine.TryParse(bytes.Span, out var header, out var notJson);
            lines.Add(new AuditLineInfo(lines.Count + 1, bytes, AuditLine.Hash(bytes.Span), error is null ? header : null, error, notJson));
            start += offset + 1;
        }

        torn = log[start..];
        return lines;
    }
}
