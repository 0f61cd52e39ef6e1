using Microsoft.Extensions.Logging;
using Tether.Client.Storage;
using Tether.Host.Agents;
using Tether.Host.Approvals;
using Tether.Host.Projects;

namespace Tether.Host.Runtime;

/// <summary>What a running host needs: its project and keys, the relay, and where to say what happens.</summary>
public sealed record HostRuntimeOptions
{
    public required ConfigRoot Root { get; init; }

    public required Project Project { get; init; }

    public required HostIdentity Identity { get; init; }

    /// <summary>The relay this host's devices meet it through.</summary>
    public required Uri RelayUrl { get; init; }

    /// <summary>How this workstation names itself to devices (<c>myproject on devbox</c>).</summary>
    public required string HostName { get; init; }

    /// <summary>How long a device may be away before its session ends (docs/protocol.md §9).</summary>
    public TimeSpan OutageWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an approval waits for the device before it is denied.</summary>
    public TimeSpan ApprovalDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the local socket goes; default <see cref="Ipc.RuntimeDirectory"/>.</summary>
    public string? SocketPath { get; init; }

    /// <summary>Makes the agent, given where its messages go and the approval engine; default the echo stand-in.</summary>
    public Func<ISessionOutput, ApprovalEngine, IAgent>? Agent { get; init; }

    /// <summary>The session's permission mode (never a bypass: see <see cref="PermissionModes"/>).</summary>
    public PermissionMode PermissionMode { get; init; } = PermissionMode.Default;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Lines for the person at the workstation (device connected, session ended, …).</summary>
    public Action<string> Say { get; init; } = _ => { };
}
