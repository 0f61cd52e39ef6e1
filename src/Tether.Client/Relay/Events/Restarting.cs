namespace Tether.Client.Relay.Events;

/// <summary>
/// The relay node is shutting down (RESTARTING); the connection closes next and the client reconnects
/// after at least <paramref name="ReconnectAfter"/>, behind a load balancer to another node.
/// </summary>
/// <param name="ReconnectAfter">The relay's hint.</param>
public sealed record Restarting(TimeSpan ReconnectAfter) : RelayEvent;
