namespace Tether.Host.Trust;

/// <summary>What a scanned path was when it was read; part of the trust hash, so a file turned into a link is a change.</summary>
public enum ScannedEntryKind
{
    /// <summary>A regular file, hashed by its bytes.</summary>
    File = 1,

    /// <summary>A symbolic link, hashed by its target text and never followed.</summary>
    SymbolicLink = 2,

    /// <summary>Neither (a directory where a file was expected, a FIFO, a device), or unreadable; hashed by its name only.</summary>
    Other = 3,
}
