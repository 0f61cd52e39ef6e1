namespace Tether.Host.Ipc;

/// <summary>Another host already answers on this project's socket: two hosts would fight over one relay channel.</summary>
public sealed class HostAlreadyRunningException(string socketPath)
    : Exception($"a Tether host is already running for this project (it answers on {socketPath}); use `tether status` to see it, or stop it first")
{
    public string SocketPath { get; } = socketPath;
}
