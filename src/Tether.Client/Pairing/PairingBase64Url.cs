using System.Buffers.Text;

namespace Tether.Client.Pairing;

/// <summary>
/// base64url without padding (RFC 4648 §5), read canonically: one byte string has exactly one text
/// form, so padding, whitespace and non-zero unused bits are refused (as for the link, §2.3).
/// </summary>
internal static class PairingBase64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>The bytes of canonical base64url <paramref name="text"/>; null for anything else.</summary>
    public static byte[]? TryDecode(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return null;
            }
        }

        if (text.Length % 4 == 1)
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(text);
        // Re-encoding catches non-zero unused bits in the last character.
        return string.Equals(Encode(bytes), text, StringComparison.Ordinal) ? bytes : null;
    }
}
