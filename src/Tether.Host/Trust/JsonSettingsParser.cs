using System.Text;
using System.Text.Json;

namespace Tether.Host.Trust;

/// <summary>
/// Parses a settings-like file defensively. Whatever cannot be parsed is a finding, since Claude's own
/// parser may read it differently from ours: a file we cannot judge must not pass as harmless.
/// </summary>
internal static class JsonSettingsParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Comments and trailing commas are accepted: reading more leniently than Claude can only show more.
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = TrustLimits.MaxJsonDepth,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Returns the document, or null after adding a finding that says why it could not be judged.</summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> bytes, FindingSink sink)
    {
        var span = bytes.Span;
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            _ = StrictUtf8.GetCharCount(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            sink.Add("$", "the file is not valid UTF-8, so its settings could not be checked", TrustSeverity.High,
                "a file this scan cannot read may still be read by Claude, differently");
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(bytes, Options);
            ReportDuplicates(document.RootElement, "$", sink);
            return document;
        }
        catch (JsonException e)
        {
            var where = FormattableString.Invariant($"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");
            sink.Add("$", $"the file is not JSON this scan accepts (at {where}, nesting limit {TrustLimits.MaxJsonDepth}), so its settings could not be checked",
                TrustSeverity.High, "a file this scan cannot read may still be read by Claude, differently");
            return null;
        }
    }

    // Every value of a duplicated key is still checked by the rules (they enumerate all properties);
    // the duplicate itself is reported because parsers disagree on which one wins.
    private static void ReportDuplicates(JsonElement element, string path, FindingSink sink)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var child = FindingSink.Member(path, property.Name);
                if (!seen.Add(property.Name))
                {
                    sink.Add(child, "the key appears more than once", TrustSeverity.High,
                        "JSON parsers disagree on which duplicate wins, so what Claude uses may not be what a reader sees");
                }

                ReportDuplicates(property.Value, child, sink);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                ReportDuplicates(item, $"{path}[{index++}]", sink);
            }
        }
    }
}
