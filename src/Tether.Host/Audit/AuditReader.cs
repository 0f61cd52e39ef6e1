using System.Text;
using System.Text.Json;

namespace Tether.Host.Audit;

/// <summary>Reads a log's records for display. It checks nothing: that is <see cref="AuditVerifier"/>'s job.</summary>
public static class AuditReader
{
    private static readonly HashSet<string> CommonFields = new(StringComparer.Ordinal) { "seq", "time", "kind", "prev" };

    /// <summary>The records of <paramref name="path"/> in file order (none if it does not exist); <paramref name="skipped"/> counts lines that are not records.</summary>
    /// <exception cref="IOException">The file exists but could not be read.</exception>
    public static IReadOnlyList<AuditEntry> ReadAll(string path, out int skipped)
    {
        skipped = 0;
        if (!File.Exists(path))
        {
            return [];
        }

        var lines = AuditLineInfo.Split(File.ReadAllBytes(path), out var torn);
        skipped = torn.Length > 0 ? 1 : 0;
        var entries = new List<AuditEntry>(lines.Count);
        foreach (var line in lines)
        {
            if (line.Header is not { } header)
            {
                skipped++;
                continue;
            }

            using var json = JsonDocument.Parse(line.Bytes);
            var fields = json.RootElement.EnumerateObject()
                .Where(p => !CommonFields.Contains(p.Name))
                .Select(p => KeyValuePair.Create(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))
                .ToList();
            entries.Add(new AuditEntry(line.Number, header.Seq, header.Time, header.Kind, fields, Encoding.UTF8.GetString(line.Bytes.Span)));
        }

        return entries;
    }
}
