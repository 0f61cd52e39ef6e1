using Tether.Client.Relay;
using Tether.Protocol.Records;

namespace Tether.Client.Sessions;

/// <summary>
/// The send path, and the one task per channel that sends. New messages go into the outbound log and
/// the session's outbox; the writer takes the next frame under the lock (a handshake message, else the
/// next chunk sealed as a record, else an owed ACK) and sends it after releasing the lock.
/// </summary>
/// <remarks>
/// One writer keeps records on the wire in the order they were sealed, which the peer's nonces
/// require, and it alone waits for room in the relay queue, holding nothing that the receiver needs.
/// A sealed record that cannot be sent means the connection ended: the session is dropped and the
/// next one resends what the peer lacks (§4.3).
/// </remarks>
internal sealed class SessionWriter(SessionCore core, RelayClient relay)
{
    // Message bytes a session may hold not yet sealed: as much as the relay client's queue (32 full
    // frames, 2 MiB), so the writer always has the next frames ready. Beyond it senders wait, as they
    // would for the network; a message is let in whenever the outbox is below it.
    internal const long OutboxBytes = 2 * 1024 * 1024;

    /// <summary>
    /// Appends a message (a copy the channel keeps) to the log and, while a session is up, its outbox;
    /// false when the log or the outbox has no room yet (wait for <see cref="SessionCore.RoomMade"/>).
    /// </summary>
    /// <exception cref="SessionEndedException">The channel has ended.</exception>
    public bool TryAppend(byte[] message)
    {
        lock (core.Lock)
        {
            if (core.Ending is { } ending)
            {
                throw new SessionEndedException(ending);
            }

            if (core.Outbox is { PendingBytes: >= OutboxBytes } || !core.Log.TryAppend(message, out var seq, out _))
            {
                return false;
            }

            if (core.Outbox is { } outbox)
            {
                outbox.Add(new OutboundMessage(seq, message));
                core.WorkQueued.Signal();
            }

            return true;
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                var work = core.WorkQueued.Task;
                if (TakeControl() is { } control)
                {
                    await SendControlAsync(control, stop).ConfigureAwait(false);
                    continue;
                }

                if (TakeFrame() is not { } frame)
                {
                    await work.WaitAsync(stop).ConfigureAwait(false);
                    continue;
                }

                if (!await relay.SendAsync(frame.PeerId, frame.Payload, stop).ConfigureAwait(false))
                {
                    SendFailed(frame.Session);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private ControlFrame? TakeControl()
    {
        lock (core.Lock)
        {
            return core.Control.TryDequeue(out var control) ? control : null;
        }
    }

    private async Task SendControlAsync(ControlFrame control, CancellationToken stop)
    {
        // Both are best effort: with no connection up the peer is gone from the relay anyway.
        if (control.KickReason is { } reason)
        {
            await relay.KickAsync(control.PeerId, reason, stop).ConfigureAwait(false);
        }
        else
        {
            await relay.SendAsync(control.PeerId, ReadOnlyMemory<byte>.Empty, stop).ConfigureAwait(false);
        }
    }

    private SessionFrame? TakeFrame()
    {
        lock (core.Lock)
        {
            if (core.HandshakeFrame is { } handshake)
            {
                core.HandshakeFrame = null;
                return handshake;
            }

            if (core.Session is not { } session)
            {
                return null;
            }

            var ack = core.Delivered;
            if (core.Outbox!.TryTake(ack, out var header, out var body, out var messageDone))
            {
                if (messageDone)
                {
                    core.RoomMade.Signal();
                }

                return Seal(session, header, body.Span);
            }

            var ackOwed = core.AckWanted && ack > core.AckSent;
            core.AckWanted = false;
            return ackOwed ? Seal(session, RecordHeader.ForAck(ack), []) : null;
        }
    }

    private SessionFrame Seal(RecordSession session, RecordHeader header, ReadOnlySpan<byte> body)
    {
        var payload = session.Seal(header, body);
        core.AckSent = Math.Max(core.AckSent, header.Ack);
        return new SessionFrame(session.PeerId, payload, session);
    }

    private void SendFailed(RecordSession? session)
    {
        lock (core.Lock)
        {
            if (session is not null && core.Session == session)
            {
                core.Drop("relay connection ended");
            }
        }
    }
}
