namespace Tether.Host.Trust;

/// <summary>Bounds on what a scan reads: the repository may be hostile and built to exhaust the host.</summary>
public static class TrustLimits
{
    /// <summary>
    /// Largest settings file parsed. Real settings are a few KB; a bigger one is reported rather than
    /// parsed, so a 10 GB file cannot take the host's memory (it is still hashed, as a stream).
    /// </summary>
    public const int MaxParsedBytes = 1024 * 1024;

    /// <summary>JSON nesting parsed. Real settings nest about 5 deep; the default reader limit is 64.</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>Files listed per instruction directory (.claude/commands and the like) before the rest is reported as a whole.</summary>
    public const int MaxFilesPerDirectory = 1000;

    /// <summary>Directory levels walked below an instruction directory; deeper trees are reported, not walked.</summary>
    public const int MaxDirectoryDepth = 8;

    /// <summary>Characters of a command or value quoted in a finding, so one finding cannot flood a terminal.</summary>
    public const int MaxQuotedChars = 200;

    /// <summary>
    /// Bytes of one file fed to the trust hash. Beyond this the file's length still counts, so growing it is
    /// a change; only an edit past 64 MiB that keeps the length goes unseen, and such a file is already
    /// reported as too large to check.
    /// </summary>
    public const long MaxHashedBytes = 64L * 1024 * 1024;
}
