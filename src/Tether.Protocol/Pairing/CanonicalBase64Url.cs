namespace Tether.Protocol.Pairing;

/// <summary>
/// Canonical unpadded base64url (RFC 4648 §5), written here because the platform decoders accept
/// padding, whitespace or non-zero unused bits, and docs/protocol.md §2.3 refuses all of them so that
/// one payload has exactly one text form.
/// </summary>
internal static class CanonicalBase64Url
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>
    /// Whether <paramref name="text"/> is exactly what <see cref="Encode"/> would produce for some
    /// bytes: alphabet only, no length of 1 mod 4, zero unused bits in the last character.
    /// </summary>
    public static bool IsCanonical(ReadOnlySpan<char> text)
    {
        // A lone final character carries 6 bits, less than a byte: no encoder emits it.
        var rest = text.Length % 4;
        if (rest == 1)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (ValueOf(c) < 0)
            {
                return false;
            }
        }

        // The last character of a 2- or 3-character tail carries 4 or 2 bits that encode nothing.
        return rest switch
        {
            2 => (ValueOf(text[^1]) & 0x0F) == 0,
            3 => (ValueOf(text[^1]) & 0x03) == 0,
            _ => true,
        };
    }

    /// <summary>The decoded size of canonical text of <paramref name="charCount"/> characters.</summary>
    public static int GetDecodedLength(int charCount) => (charCount / 4 * 3) + (charCount % 4 == 0 ? 0 : (charCount % 4) - 1);

    /// <summary>
    /// Decodes the first <c>destination.Length</c> bytes of canonical <paramref name="text"/>, so a
    /// caller can look at a bounded prefix of an arbitrarily long input without allocating for it.
    /// </summary>
    public static void DecodePrefix(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var o = 0;
        for (var i = 0; o < destination.Length; i += 4)
        {
            var group = text.Slice(i, Math.Min(4, text.Length - i));
            var n = 0;
            for (var j = 0; j < 4; j++)
            {
                n = (n << 6) | (j < group.Length ? ValueOf(group[j]) : 0);
            }

            for (var shift = 16; shift >= 0 && o < destination.Length; shift -= 8)
            {
                destination[o++] = (byte)((n >> shift) & 0xFF);
            }
        }
    }

    /// <summary>Encodes without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var length = (bytes.Length / 3 * 4) + (bytes.Length % 3 == 0 ? 0 : (bytes.Length % 3) + 1);
        Span<char> chars = length <= 1024 ? stackalloc char[length] : new char[length];
        var o = 0;
        for (var i = 0; i < bytes.Length; i += 3)
        {
            var take = Math.Min(3, bytes.Length - i);
            var n = bytes[i] << 16;
            if (take > 1)
            {
                n |= bytes[i + 1] << 8;
            }

            if (take > 2)
            {
                n |= bytes[i + 2];
            }

            for (var j = 0; j <= take; j++)
            {
                chars[o++] = Alphabet[(n >> (18 - (6 * j))) & 0x3F];
            }
        }

        var text = new string(chars);
        // The payload carries the PSK; do not leave a second copy on the stack.
        chars.Clear();
        return text;
    }

    private static int ValueOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
