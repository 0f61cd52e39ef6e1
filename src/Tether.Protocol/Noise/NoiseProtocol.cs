namespace Tether.Protocol.Noise;

/// <summary>
/// A concrete Noise protocol parsed from its name (spec section 8), e.g.
/// <c>Noise_IKpsk2_25519_AESGCM_SHA256</c>. Supported: every pattern of spec sections 7.4-7.6 with
/// optional pskN modifiers, DH 25519, ciphers AESGCM and ChaChaPoly, hash SHA256.
/// </summary>
public sealed class NoiseProtocol
{
    private NoiseProtocol(string name, HandshakePattern pattern, CipherKind cipher)
    {
        Name = name;
        Pattern = pattern;
        Cipher = cipher;
    }

    /// <summary>The full protocol name; it is hashed into the handshake, so both sides must use the same one.</summary>
    public string Name { get; }

    /// <summary>The pattern part of the name including modifiers, e.g. <c>IKpsk2</c>.</summary>
    public string PatternName => Pattern.Name;

    /// <summary>True for the one-way patterns N, K and X (and their PSK variants).</summary>
    public bool IsOneWay => Pattern.IsOneWay;

    /// <summary>How many PSKs the handshake needs.</summary>
    public int PskCount => Pattern.PskCount;

    internal HandshakePattern Pattern { get; }

    internal CipherKind Cipher { get; }

    /// <summary>Parses a protocol name.</summary>
    /// <exception cref="UnsupportedProtocolException">The name is malformed or names something unsupported; the message says which part.</exception>
    public static NoiseProtocol Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string[] parts = name.Split('_');
        if (parts.Length != 5 || parts[0] != "Noise")
        {
            throw Errors.UnsupportedProtocol(name, "expected Noise_<pattern>_<dh>_<cipher>_<hash>");
        }

        HandshakePattern pattern = ParsePattern(name, parts[1]);
        if (parts[2] != "25519")
        {
            throw Errors.UnsupportedProtocol(name, $"DH function '{parts[2]}' is not supported (only 25519)");
        }

        CipherKind cipher = parts[3] switch
        {
            "AESGCM" => CipherKind.AesGcm,
            "ChaChaPoly" => CipherKind.ChaChaPoly,
            _ => throw Errors.UnsupportedProtocol(name, $"cipher '{parts[3]}' is not supported (AESGCM, ChaChaPoly)"),
        };
        if (parts[4] != "SHA256")
        {
            throw Errors.UnsupportedProtocol(name, $"hash '{parts[4]}' is not supported (only SHA256)");
        }

        return new NoiseProtocol(name, pattern, cipher);
    }

    /// <summary>Returns <see cref="Name"/>.</summary>
    public override string ToString() => Name;

    private static HandshakePattern ParsePattern(string name, string patternPart)
    {
        // The base pattern is the leading run of upper-case letters and digits ("X1K1"); modifiers start
        // with a lower-case letter and are joined by '+' (spec section 8).
        int split = 0;
        while (split < patternPart.Length && (char.IsAsciiLetterUpper(patternPart[split]) || char.IsAsciiDigit(patternPart[split])))
        {
            split++;
        }

        string baseName = patternPart[..split];
        if (!HandshakePatterns.TryGet(baseName, out HandshakePattern basePattern))
        {
            throw Errors.UnsupportedProtocol(name, $"handshake pattern '{baseName}' is not known");
        }

        string[] modifiers = split == patternPart.Length ? [] : patternPart[split..].Split('+');
        return PskModifiers.Apply(name, basePattern, modifiers);
    }
}
