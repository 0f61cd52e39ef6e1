using System.Text.Json;
using Tether.Host.Audit;

namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// The per-session egress log: JSON lines, one per connection attempt, in a 0600 file appended with one
/// write and an fsync each (the same discipline as the hash-chained audit log, through <see cref="AuditFile"/>).
/// It is not hash-chained: it is a traffic record, and the approval log stays the one tamper-evident record.
/// </summary>
internal sealed class EgressAuditLog
{
    private readonly string _path;
    private readonly Lock _gate = new();

    public EgressAuditLog(string path)
    {
        AuditFile.CheckIfExists(path);
        _path = path;
    }

    /// <summary>Appends <paramref name="record"/> as one line.</summary>
    /// <exception cref="AuditWriteException">The write failed.</exception>
    public void Write(EgressAuditRecord record)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(record, EgressJsonContext.Default.EgressAuditRecord);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        lock (_gate)
        {
            AuditFile.Append(_path, line);
        }
    }
}
