namespace Tether.Relay.Routing;

/// <summary>What became of a welcomed connection's attempt to join its channel.</summary>
internal enum JoinOutcome
{
    Joined,

    /// <summary>The channel's cap for the role is reached.</summary>
    ChannelFull,

    /// <summary>The channel emptied and left the registry meanwhile: join a fresh one.</summary>
    Retired,
}
