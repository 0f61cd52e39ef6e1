using System.Threading.Channels;
using Tether.Client.Logging;
using Tether.Client.Relay;
using Tether.Client.Relay.Events;
using Tether.Protocol.Noise;
using Tether.Protocol.Records;

namespace Tether.Client.Sessions;

/// <summary>
/// The receive path: reads the relay client's events, applies each to the session under the lock
/// (handshakes §1, records §4.3) and hands delivered messages to the application after releasing it.
/// It never waits for a send, so the relay's queue towards this side keeps draining however busy the
/// writer is; only an application that stops reading <see cref="ReliableChannel.Messages"/> stops it
/// (backpressure, end to end).
/// </summary>
internal sealed class SessionReceiver(SessionCore core, RelayClient relay, ChannelWriter<byte[]> messages)
{
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var evt in relay.Events.ReadAllAsync(stop).ConfigureAwait(false))
            {
                // Acknowledge once a burst is over: until then, the next record of ours carries the ack.
                var burstOver = !relay.Events.TryPeek(out _);
                if (Handle(evt, burstOver) is { } message)
                {
                    await messages.WriteAsync(message, stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            messages.TryComplete();
        }
    }

    /// <summary>What one event does to the session; returns the message it completed, if any.</summary>
    private byte[]? Handle(RelayEvent evt, bool burstOver)
    {
        lock (core.Lock)
        {
            switch (evt)
            {
                case DataReceived data:
                    return OnData(data, burstOver);
                case Connected connected:
                    core.Drop("new connection");
                    if (core.Handshake.IsDevice && connected.HostOnline)
                    {
                        core.StartHandshake();
                    }

                    break;
                case HostOnline:
                    core.Drop("host reconnected");
                    core.StartHandshake();
                    break;
                case HostOffline:
                    core.Drop("host offline");
                    core.CancelHandshakeRetry();
                    break;
                case PeerLeft left when core.Session?.PeerId == left.PeerId:
                    core.Drop("peer left");
                    break;
                case Disconnected or Closed:
                    core.Drop("relay connection ended");
                    core.CancelHandshakeRetry();
                    break;
            }

            return null;
        }
    }

    private byte[]? OnData(DataReceived data, bool burstOver)
    {
        if (core.Handshake.IsDevice)
        {
            // Device: the host's answer to our message 1, or a record of the session.
            if (core.Pending is not null)
            {
                FinishHandshake(data.Payload.Span);
                return null;
            }

            return core.Session is null ? null : OnRecord(data.Payload.Span, burstOver);
        }

        // Host: a record of the current session, or else a device's message 1 (a new connection, or
        // a device that started over on the same one).
        if (core.Session is { } session && session.PeerId == data.PeerId)
        {
            var delivered = OnRecord(data.Payload.Span, burstOver);
            if (core.Session is not null)
            {
                return delivered;
            }
        }

        AnswerHandshake(data.PeerId, data.Payload.Span);
        return null;
    }

    private byte[]? OnRecord(ReadOnlySpan<byte> payload, bool burstOver)
    {
        var session = core.Session!;
        var duplicatesBefore = session.Duplicates;
        var unacknowledgedBefore = core.Log.UnacknowledgedBytes;
        var outcome = session.Open(payload, core.Log, out var message, out var error);
        core.Counters.DuplicatesDropped(session.Duplicates - duplicatesBefore);
        if (core.Log.UnacknowledgedBytes < unacknowledgedBefore)
        {
            core.RoomMade.Signal();
        }

        if (error is not null)
        {
            core.Drop(error);
            if (core.Handshake.IsDevice)
            {
                core.RetryHandshakeLater();
            }

            return null;
        }

        if (outcome != ReassemblyOutcome.Delivered)
        {
            return null;
        }

        core.Delivered = session.Delivered;
        core.Counters.MessageDelivered();
        if (burstOver)
        {
            core.RequestAck();
        }

        return message;
    }

    private void FinishHandshake(ReadOnlySpan<byte> message2)
    {
        using var pending = core.TakePending();
        try
        {
            core.Establish(SessionHandshake.Finish(pending, message2), peerId: 0, message2: null);
        }
        catch (NoiseException ex)
        {
            // Perhaps the answer to an earlier attempt; retrying at once could chase it for ever.
            core.Logger.SessionDropped(core.Label, "handshake: " + ex.GetType().Name);
            core.RetryHandshakeLater();
        }
    }

    private void AnswerHandshake(uint peerId, ReadOnlySpan<byte> message1)
    {
        if (core.Handshake.TryAnswer(message1, out var message2, out var refusal) is not { } transport)
        {
            core.Counters.HandshakeRefused();
            core.Logger.HandshakeRefused(core.Label, peerId, refusal);
            return;
        }

        core.Drop("superseded by a new handshake");
        core.Establish(transport, peerId, message2);
    }
}
