using System.Text.Json;

namespace Tether.Host.Trust;

/// <summary>Collects the findings of one file, quoting untrusted text safely.</summary>
internal sealed class FindingSink(string file)
{
    private readonly List<TrustFinding> _findings = [];

    public string File { get; } = file;

    public IReadOnlyList<TrustFinding> Findings => _findings;

    public void Add(string jsonPath, string effect, TrustSeverity severity, string reason) =>
        _findings.Add(new TrustFinding(File, jsonPath, effect, severity, reason));

    /// <summary>
    /// The members of an object with their paths. Anything but an object is one finding instead: what this
    /// scan cannot read is assumed to do what the key is for.
    /// </summary>
    public IEnumerable<(JsonProperty Property, string Path)> Members(JsonElement value, string path, string what, TrustSeverity severity, string reason)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Add(path, $"{what} in a shape this scan does not understand", severity, reason);
            return [];
        }

        return value.EnumerateObject().Select(p => (p, Member(path, p.Name)));
    }

    /// <summary>
    /// Untrusted text made safe to print: control characters (terminal escapes, newlines that would fake
    /// another finding) become '?', and it is cut at <see cref="TrustLimits.MaxQuotedChars"/>.
    /// </summary>
    public static string Quote(string text)
    {
        var cut = text.Length > TrustLimits.MaxQuotedChars ? text[..TrustLimits.MaxQuotedChars] + "…" : text;
        return "`" + string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        }) + "`";
    }

    /// <summary>A JSON property name appended to a path, bracketed when it is not a plain identifier.</summary>
    public static string Member(string path, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? path + "." + name
            : path + "[" + Quote(name) + "]";
}
