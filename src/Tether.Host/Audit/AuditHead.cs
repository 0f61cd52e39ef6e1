using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tether.Host.Audit;

/// <summary>
/// The contents of <c>audit.head</c>: the last record's seq and the SHA-256 of its line. A hash chain
/// shows edits and gaps inside the log but not a log cut short at its end (what remains is still a
/// valid chain); the head, rewritten atomically after every append, shows that.
/// </summary>
internal sealed record AuditHead
{
    [JsonRequired]
    public long Seq { get; init; }

    [JsonRequired]
    public string Sha256 { get; init; } = "";

    /// <summary>The head's bytes, as written to the file.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, AuditJsonContext.Default.AuditHead);

    /// <summary>Parses a head file; null if it is not one (the caller says so, and never "fixes" it).</summary>
    public static AuditHead? Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var head = JsonSerializer.Deserialize(bytes, AuditJsonContext.Default.AuditHead);
            return head is { Seq: >= 0 } && AuditText.IsSha256Hex(head.Sha256) ? head : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
