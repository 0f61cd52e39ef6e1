using Tether.Protocol.Session;

namespace Tether.Host.Agents;

/// <summary>Where a host session's messages to its device go (the active device's stream).</summary>
public interface ISessionOutput
{
    /// <summary>Whether a device holds the session now: approvals are denied at once without one.</summary>
    bool DeviceConnected { get; }

    /// <summary>Queues <paramref name="message"/> for the device; it is resent after a reconnect until acknowledged.</summary>
    Task SendAsync(SessionMessage message, CancellationToken cancellationToken);
}
