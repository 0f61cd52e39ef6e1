namespace Tether.Protocol.Noise;

/// <summary>
/// Checks before a handshake starts that exactly the keys its pattern uses were supplied. A missing key
/// would fail halfway through; an extra one would be silently ignored, which for a "pinned" remote key
/// means no pinning at all.
/// </summary>
internal static class HandshakeRequirements
{
    public static void Validate(HandshakePattern pattern, NoiseRole role, NoiseHandshakeOptions options)
    {
        string name = pattern.Name;
        bool needsLocal = pattern.NeedsLocalStatic(role);
        if (needsLocal && options.LocalStatic is null)
        {
            throw Errors.MissingKey(name, "a local static key pair");
        }

        if (!needsLocal && options.LocalStatic is not null)
        {
            throw Errors.UnexpectedKey(name, "a local static key pair");
        }

        bool needsRemote = pattern.NeedsRemoteStatic(role);
        if (needsRemote && options.RemoteStatic is null)
        {
            throw Errors.MissingKey(name, "the remote static public key");
        }

        if (!needsRemote && options.RemoteStatic is not null)
        {
            throw Errors.UnexpectedKey(name, "a pre-shared remote static public key");
        }

        int psks = options.Psks?.Count ?? 0;
        if (psks < pattern.PskCount)
        {
            throw Errors.MissingKey(name, $"{pattern.PskCount} PSK(s) but got {psks}");
        }

        if (psks > pattern.PskCount)
        {
            throw Errors.UnexpectedKey(name, $"{psks} PSK(s), it uses {pattern.PskCount}");
        }
    }
}
