namespace Tether.LoadGen.Targets;

/// <summary>
/// One path through a target that returns what is sent into it: a WebSocket to an echo server, or a
/// device and its host on one relay channel. A link carries frames of one fixed payload size; one
/// send and one receive may run at the same time, never two of either.
/// </summary>
internal interface ILink : IAsyncDisposable
{
    /// <summary>Sends one frame of the link's payload size.</summary>
    ValueTask SendAsync(CancellationToken cancel);

    /// <summary>Waits for one echoed frame and checks its size.</summary>
    ValueTask ReceiveAsync(CancellationToken cancel);
}
