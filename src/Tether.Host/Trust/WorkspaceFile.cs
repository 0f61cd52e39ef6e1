namespace Tether.Host.Trust;

/// <summary>A scanned path's entry, plus its bytes when it is a regular file small enough to parse.</summary>
internal sealed record WorkspaceFile(ScannedEntry Entry, byte[]? Bytes, string? LinkTarget, bool LinkLeavesProject, string? Problem);
