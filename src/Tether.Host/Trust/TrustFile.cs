namespace Tether.Host.Trust;

/// <summary><c>projects/&lt;id&gt;/trust.json</c>, version 1: the user's acceptance of a workspace's findings, pinned by hash.</summary>
internal sealed class TrustFile
{
    public const int CurrentVersion = 1;

    public required int Version { get; init; }

    /// <summary>The canonical project root, checked on load.</summary>
    public required string ProjectPath { get; init; }

    /// <summary><see cref="WorkspaceScan.Hash"/> at the time of acceptance.</summary>
    public required string Hash { get; init; }

    public required DateTimeOffset AcceptedAt { get; init; }

    /// <summary>The findings as the user saw them, for people reading the store.</summary>
    public required IReadOnlyList<string> Findings { get; init; }
}
