using System.Globalization;

namespace Tether.Protocol.Noise;

/// <summary>
/// Applies "pskN" modifiers (spec section 9): psk0 puts a "psk" token at the start of the first message,
/// pskN (N &gt;= 1) at the end of message N. Several modifiers join with '+' and apply left to right.
/// </summary>
internal static class PskModifiers
{
    public static HandshakePattern Apply(string protocolName, HandshakePattern basePattern, IReadOnlyList<string> modifiers)
    {
        if (modifiers.Count == 0)
        {
            return basePattern;
        }

        var messages = basePattern.Messages.Select(m => new List<NoiseToken>(m)).ToList();
        var seen = new HashSet<int>();
        foreach (string modifier in modifiers)
        {
            int position = ParsePosition(protocolName, modifier);
            if (position > messages.Count)
            {
                throw Errors.UnsupportedProtocol(protocolName, $"'{modifier}' names a message the {basePattern.Name} pattern does not have");
            }

            if (!seen.Add(position))
            {
                throw Errors.UnsupportedProtocol(protocolName, $"modifier '{modifier}' appears twice");
            }

            if (position == 0)
            {
                messages[0].Insert(0, NoiseToken.Psk);
            }
            else
            {
                messages[position - 1].Add(NoiseToken.Psk);
            }
        }

        return new HandshakePattern(
            basePattern.Name + string.Join('+', modifiers),
            basePattern.InitiatorPreMessage,
            basePattern.ResponderPreMessage,
            messages);
    }

    private static int ParsePosition(string protocolName, string modifier)
    {
        // Only canonical decimal forms: "psk0", "psk12"; not "psk01", "psk+1" or "fallback".
        string digits = modifier.StartsWith("psk", StringComparison.Ordinal) ? modifier[3..] : string.Empty;
        bool canonical = digits.Length is > 0 and <= 2
            && digits.All(char.IsAsciiDigit)
            && (digits.Length == 1 || digits[0] != '0');
        if (!canonical)
        {
            throw Errors.UnsupportedProtocol(protocolName, $"modifier '{modifier}' is not supported (only pskN)");
        }

        return int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
