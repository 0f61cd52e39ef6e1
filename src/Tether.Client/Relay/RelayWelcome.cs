namespace Tether.Client.Relay;

/// <summary>What a WELCOME said, and how the client got it.</summary>
/// <param name="PeerId">The connection's peer id on the relay node (never 0).</param>
/// <param name="HostOnline">Whether the channel's host was online.</param>
/// <param name="UsedToken">Whether HELLO carried a saved token rather than a proof.</param>
internal readonly record struct RelayWelcome(uint PeerId, bool HostOnline, bool UsedToken);
