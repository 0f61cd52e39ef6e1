using Tether.Protocol.Relay;

namespace Tether.Client.Sessions;

/// <summary>How a stream or a channel ended: a reason to act on and a sentence to show the user.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Message">What to tell the user, in plain words; never contains keys or message contents.</param>
public sealed record SessionEnding(SessionEndReason Reason, string Message)
{
    internal static SessionEnding Disposed { get; } = new(SessionEndReason.Disposed, "The session was closed.");

    internal static SessionEnding DeviceSuperseded { get; } = new(SessionEndReason.Superseded, "Another connection took over this session.");

    internal static SessionEnding AnotherDeviceTookOver { get; } = new(SessionEndReason.Superseded, "Another device took over this session.");

    internal static SessionEnding DeviceRevoked { get; } = new(SessionEndReason.Revoked, "This device's access was revoked by the host.");

    internal static SessionEnding StreamDeviceRevoked { get; } = new(SessionEndReason.Revoked, "The device was revoked; its session ended.");

    internal static SessionEnding HostStartedNewStream { get; } = new(SessionEndReason.StreamReplaced, "The host started a new session; the previous one ended.");

    internal static SessionEnding RestoredStreamLost { get; } = new(SessionEndReason.StreamReplaced, "The previous session could not be resumed after this client restarted; a new one starts.");

    internal static SessionEnding DeviceStartedNewStream { get; } = new(SessionEndReason.StreamReplaced, "The device started a new session; the previous one ended.");

    internal static SessionEnding OutageExpired(TimeSpan window) =>
        new(SessionEndReason.OutageExpired, $"The device was away for longer than {Describe(window)}; its session ended.");

    internal static SessionEnding HostUnreachable(TimeSpan window) =>
        new(SessionEndReason.HostUnreachable, $"The host could not be reached for {Describe(window)}; the session ended.");

    internal static SessionEnding RelayClosed(RelayCloseReason? reason) =>
        new(SessionEndReason.RelayClosed, $"The relay closed the connection for good ({reason?.ToName() ?? "dropped"}).");

    /// <summary>The ending of a device whose relay client stopped with <paramref name="reason"/>.</summary>
    internal static SessionEnding ForDeviceClosed(RelayCloseReason? reason) => reason switch
    {
        RelayCloseReason.Superseded => DeviceSuperseded,
        RelayCloseReason.Revoked => DeviceRevoked,
        RelayCloseReason.Normal => Disposed,
        _ => RelayClosed(reason),
    };

    private static string Describe(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.Seconds == 0 ? $"{window.TotalMinutes:0} minutes" : $"{window.TotalSeconds:0.#} seconds";
}
