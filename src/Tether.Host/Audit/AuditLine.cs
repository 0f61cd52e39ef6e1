using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Tether.Host.Audit;

/// <summary>
/// The format of one record: a single line of compact JSON,
/// <c>{"seq":…,"time":…,"kind":…,&lt;kind's fields&gt;,"prev":…}</c>, where <c>prev</c> is the SHA-256 of
/// the previous line's exact bytes (its newline excluded). The record's own hash is not stored: the next
/// record's <c>prev</c> covers it, and <c>audit.head</c> covers the last one.
/// </summary>
internal static class AuditLine
{
    /// <summary>Hex characters of a SHA-256.</summary>
    public const int HashHexLength = 64;

    /// <summary>The <c>prev</c> of the first record: nothing came before it.</summary>
    public static readonly string FirstPrev = new('0', HashHexLength);

    /// <summary>UTC with milliseconds: enough to order a person's actions, and fixed width so lines sort and align.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public const byte NewLine = (byte)'\n';

    /// <summary>
    /// The record's bytes, without the newline. Utf8JsonWriter escapes control characters (and non-ASCII),
    /// so no field can put a newline inside a record and split it in two.
    /// </summary>
    public static byte[] Build(long seq, DateTimeOffset time, AuditEvent auditEvent, string prev)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", seq);
            writer.WriteString("time", time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
            writer.WriteString("kind", auditEvent.Kind);
            auditEvent.WriteFields(writer);
            writer.WriteString("prev", prev);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Lowercase hex SHA-256 of a line's exact bytes.</summary>
    public static string Hash(ReadOnlySpan<byte> line) => Convert.ToHexStringLower(SHA256.HashData(line));

    /// <summary>
    /// Reads the fields every record has. Returns null on success, otherwise what is wrong; sets
    /// <paramref name="notJson"/> when the line is not JSON at all (rather than JSON of the wrong shape).
    /// </summary>
    public static string? TryParse(ReadOnlySpan<byte> line, out AuditLineHeader header, out bool notJson)
    {
        header = default;
        notJson = false;
        long? seq = null;
        DateTimeOffset? time = null;
        string? kind = null;
        string? prev = null;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "it is not a JSON object";
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!seen.Add(name))
                {
                    return $"the field \"{name}\" appears twice";
                }

                reader.Read();
                switch (name)
                {
                    case "seq" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var s) && s >= 1:
                        seq = s;
                        break;
                    case "time" when reader.TokenType == JsonTokenType.String
                        && DateTimeOffset.TryParseExact(reader.GetString(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t):
                        time = t;
                        break;
                    case "kind" when reader.TokenType == JsonTokenType.String:
                        kind = reader.GetString();
                        break;
                    case "prev" when reader.TokenType == JsonTokenType.String:
                        prev = reader.GetString();
                        break;
                    case "seq" or "time" or "kind" or "prev":
                        return $"its \"{name}\" is not valid";
                    default:
                        reader.Skip();
                        break;
                }
            }

            // Anything after the object (a second value, stray characters) makes the reader throw.
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            notJson = true;
            return "it is not JSON";
        }

        if (seq is null || time is null || string.IsNullOrEmpty(kind) || prev is null)
        {
            return "it lacks " + (seq is null ? "\"seq\"" : time is null ? "\"time\"" : string.IsNullOrEmpty(kind) ? "\"kind\"" : "\"prev\"");
        }

        if (!AuditText.IsSha256Hex(prev))
        {
            return "its \"prev\" is not 64 lowercase hex characters";
        }

        header = new AuditLineHeader(seq.Value, time.Value, kind, prev);
        return null;
    }
}
