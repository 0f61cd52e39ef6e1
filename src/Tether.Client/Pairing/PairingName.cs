using System.Globalization;
using System.Text;

namespace Tether.Client.Pairing;

/// <summary>
/// The rules for a device's or host's display name (docs/protocol.md §8): UTF-8, 1 to 64 bytes, no
/// control characters and no bidirectional overrides. Names come from the other side and end up in
/// terminals and lists, so a name must not be able to move the cursor or reorder the text around it.
/// </summary>
internal static class PairingName
{
    /// <summary>64 bytes: enough for "Anna's Pixel 9 Pro (work)", short enough for one line of a list.</summary>
    public const int MaxBytes = 64;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether <paramref name="name"/> is a valid name.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        int bytes;
        try
        {
            bytes = Strict.GetByteCount(name);
        }
        catch (EncoderFallbackException)
        {
            return false; // a lone surrogate has no UTF-8 form
        }

        return bytes <= MaxBytes && !name.Any(IsForbidden);
    }

    /// <summary>Decodes a name from untrusted bytes; null when it breaks a rule.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length is 0 or > MaxBytes)
        {
            return null;
        }

        string name;
        try
        {
            name = Strict.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        return IsValid(name) ? name : null;
    }

    /// <summary>The name's UTF-8 bytes (the caller checked <see cref="IsValid"/>).</summary>
    public static byte[] Encode(string name) => Strict.GetBytes(name);

    private static bool IsForbidden(char c) =>
        char.GetUnicodeCategory(c) == UnicodeCategory.Control
        || c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
