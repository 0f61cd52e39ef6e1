namespace Tether.Host.Sandbox.MacOs;

/// <summary>What the macOS profile confines the agent to (<see cref="SandboxExecProfile"/>). Every path is absolute.</summary>
public sealed record SandboxExecOptions
{
    /// <summary>The project: readable and writable, but for <see cref="SandboxExecProfile.ReadOnlyInProject"/>.</summary>
    public required string Project { get; init; }

    /// <summary>The agent's home for this session (never the user's own).</summary>
    public required string PrivateHome { get; init; }

    /// <summary>The session's temporary directory (TMPDIR).</summary>
    public required string TempDirectory { get; init; }

    /// <summary>The egress proxy's port on loopback.</summary>
    public required int ProxyPort { get; init; }

    /// <summary>The credential injector's port on loopback (the agent's API base URL).</summary>
    public required int InjectorPort { get; init; }

    /// <summary>More read-only directories, such as the agent's install and its runtime.</summary>
    public IReadOnlyList<string> ReadRoots { get; init; } = [];
}
