namespace Tether.Host.Trust;

/// <summary>One path the scan looked at, with the SHA-256 of what it holds (bytes, or the link target).</summary>
public sealed record ScannedEntry(string RelativePath, ScannedEntryKind Kind, long Length, byte[] ContentSha256);
