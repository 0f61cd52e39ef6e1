namespace Tether.Client.Relay.Events;

/// <summary>Device or pairing peer only: the channel's host went away; DATA to it is dropped until <see cref="HostOnline"/>.</summary>
public sealed record HostOffline : RelayEvent;
