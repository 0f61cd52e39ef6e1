namespace Tether.Client.Relay.Events;

/// <summary>Device or pairing peer only: the channel's host connected (or reconnected: start a new Noise session).</summary>
public sealed record HostOnline : RelayEvent;
