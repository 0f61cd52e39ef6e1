namespace Tether.Protocol.Noise;

/// <summary>
/// Parses the spec's own notation, written on one line with ';' between lines:
/// <c>"&lt;- s; ...; -&gt; e, es, s, ss; &lt;- e, ee, se"</c> is IK. Lines before "..." are pre-messages.
/// Keeping the table in the spec's notation lets a reviewer check it against sections 7.4-7.6 by eye.
/// </summary>
internal static class PatternNotation
{
    public static HandshakePattern Parse(string name, string notation)
    {
        string[] lines = notation.Split(';', StringSplitOptions.TrimEntries);
        int separator = Array.IndexOf(lines, "...");
        var initiatorPre = new List<NoiseToken>();
        var responderPre = new List<NoiseToken>();
        for (int i = 0; i < separator; i++)
        {
            (bool fromInitiator, List<NoiseToken> tokens) = ParseLine(name, lines[i]);
            if (tokens.Any(t => t != NoiseToken.S))
            {
                // Pre-message "e" only appears in the fallback patterns, which are out of scope.
                throw Bug(name, "only 's' is supported in pre-messages");
            }

            (fromInitiator ? initiatorPre : responderPre).AddRange(tokens);
        }

        var messages = new List<IReadOnlyList<NoiseToken>>();
        for (int i = separator + 1; i < lines.Length; i++)
        {
            (bool fromInitiator, List<NoiseToken> tokens) = ParseLine(name, lines[i]);
            if (fromInitiator != (HandshakePattern.SenderOf(messages.Count) == NoiseRole.Initiator))
            {
                throw Bug(name, "messages must alternate, initiator first");
            }

            messages.Add(tokens);
        }

        return new HandshakePattern(name, initiatorPre, responderPre, messages);
    }

    private static (bool FromInitiator, List<NoiseToken> Tokens) ParseLine(string name, string line)
    {
        bool fromInitiator = line.StartsWith("->", StringComparison.Ordinal);
        if (!fromInitiator && !line.StartsWith("<-", StringComparison.Ordinal))
        {
            throw Bug(name, "a line must start with -> or <-");
        }

        var tokens = line[2..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => ParseToken(name, t))
            .ToList();
        return (fromInitiator, tokens);
    }

    private static NoiseToken ParseToken(string name, string token) => token switch
    {
        "e" => NoiseToken.E,
        "s" => NoiseToken.S,
        "ee" => NoiseToken.EE,
        "es" => NoiseToken.ES,
        "se" => NoiseToken.SE,
        "ss" => NoiseToken.SS,
        "psk" => NoiseToken.Psk,
        _ => throw Bug(name, $"unknown token '{token}'"),
    };

    // The table is compiled in, so a malformed entry is a bug in this file, not bad input.
    private static InvalidOperationException Bug(string name, string reason) =>
        new($"Pattern table entry {name} is malformed: {reason}.");
}
