namespace Tether.LoadGen.Targets;

/// <summary>How the load generator talks to one kind of target (the adapter).</summary>
internal interface ITarget : IAsyncDisposable
{
    /// <summary>How many WebSocket connections to the target one link holds open.</summary>
    int ConnectionsPerLink { get; }

    /// <summary>Opens a link whose frames carry <paramref name="payloadBytes"/> bytes of payload.</summary>
    Task<ILink> OpenLinkAsync(int payloadBytes, CancellationToken cancel);
}
