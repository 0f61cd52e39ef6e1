using System.Globalization;
using System.Text;

namespace Tether.Host.Devices;

/// <summary>
/// Device names: 1 to 64 UTF-8 bytes (the pairing hello's limit, docs/protocol.md §8) with no control or
/// format characters, since names are printed to terminals (escape sequences) and shown beside
/// fingerprints (bidi overrides could make one name look like another).
/// </summary>
internal static class DeviceNames
{
    public const int MaxBytes = 64;

    private const string Fallback = "device";
    private const char Replacement = '?';

    /// <summary>Makes a name a device suggested safe to show and unique among <paramref name="taken"/>.</summary>
    public static string Sanitize(string? suggested, IEnumerable<string> taken)
    {
        var cleaned = new StringBuilder();
        foreach (var c in suggested ?? "")
        {
            cleaned.Append(IsUnsafe(c) ? Replacement : c);
        }

        var name = Truncate(cleaned.ToString().Trim(), MaxBytes);
        name = name.Length == 0 ? Fallback : name;

        var used = taken.ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var n = 2; used.Contains(name); n++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
            name = Truncate(name, MaxBytes - suffix.Length).TrimEnd() + suffix;
        }

        return name;
    }

    /// <summary>Checks a name a user typed; null if fine, else why not.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "A device name cannot be empty.";
        }

        if (name.Any(IsUnsafe))
        {
            return "A device name cannot contain control or formatting characters.";
        }

        return Encoding.UTF8.GetByteCount(name) > MaxBytes ? $"A device name is at most {MaxBytes} bytes of UTF-8." : null;
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static string Truncate(string text, int maxBytes)
    {
        var end = text.Length;
        while (Encoding.UTF8.GetByteCount(text.AsSpan(0, end)) > maxBytes)
        {
            end--;
            if (end > 0 && char.IsLowSurrogate(text[end]) && char.IsHighSurrogate(text[end - 1]))
            {
                end--;
            }
        }

        return text[..end];
    }
}
