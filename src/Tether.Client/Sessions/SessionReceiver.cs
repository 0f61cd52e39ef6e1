using System.Threading.Channels;
using Tether.Client.Logging;
using Tether.Client.Relay;
using Tether.Client.Relay.Events;
using Tether.Protocol.Records;

namespace Tether.Client.Sessions;

/// <summary>
/// The receive path: reads the relay client's events, applies each to the session under the lock
/// (handshakes §1 and §9 through <see cref="DeviceHandshakes"/> or <see cref="HostHandshakes"/>, records
/// §4.3) and hands delivered messages to the application after releasing it. It never waits for a send,
/// so the relay's queue towards this side keeps draining however busy the writer is; only an application
/// that stops reading <see cref="ReliableChannel.Messages"/> stops it (backpressure, end to end).
/// </summary>
internal sealed class SessionReceiver
{
    private readonly SessionCore _core;
    private readonly RelayClient _relay;
    private readonly ChannelWriter<byte[]> _messages;
    private readonly DeviceHandshakes? _device;
    private readonly HostHandshakes? _host;

    public SessionReceiver(SessionCore core, RelayClient relay, ChannelWriter<byte[]> messages)
    {
        (_core, _relay, _messages) = (core, relay, messages);
        if (core.Handshake.IsDevice)
        {
            _device = new DeviceHandshakes(core);
        }
        else
        {
            _host = new HostHandshakes(core);
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var evt in _relay.Events.ReadAllAsync(stop).ConfigureAwait(false))
            {
                // Acknowledge once a burst is over: until then, the next record of ours carries the ack.
                var burstOver = !_relay.Events.TryPeek(out _);
                if (Handle(evt, burstOver) is { } message)
                {
                    await DeliverAsync(message, stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            _messages.TryComplete();
        }
    }

    private async ValueTask DeliverAsync(byte[] message, CancellationToken stop)
    {
        try
        {
            await _messages.WriteAsync(message, stop).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The channel ended while this message waited for room: the application is done reading.
        }
    }

    /// <summary>What one event does to the session; returns the message it completed, if any.</summary>
    private byte[]? Handle(RelayEvent evt, bool burstOver)
    {
        lock (_core.Lock)
        {
            if (_core.Ending is not null)
            {
                return null;
            }

            if (evt is Closed closed)
            {
                _core.End(_core.Handshake.IsDevice ? SessionEnding.ForDeviceClosed(closed.Reason) : HostEnding(closed));
                return null;
            }

            if (evt is Disconnected)
            {
                _core.Drop("relay connection ended");
                _core.CancelHandshakeRetry();
                return null;
            }

            if (evt is DataReceived data)
            {
                return _device is not null ? _device.OnData(data.Payload.Span, this, burstOver) : _host!.OnData(data.PeerId, data.Payload.Span, this, burstOver);
            }

            _device?.OnPresence(evt);
            _host?.OnPresence(evt);
            return null;
        }
    }

    private static SessionEnding HostEnding(Closed closed) =>
        closed.Reason == Protocol.Relay.RelayCloseReason.Normal ? SessionEnding.Disposed : SessionEnding.RelayClosed(closed.Reason);

    /// <summary>
    /// Opens one record of the current session. A record that fails delivers nothing and leaves the
    /// session poisoned: the caller drops it, and reports the failure unless it turns out to be a new
    /// handshake (<see cref="ReportRecordFault"/>).
    /// </summary>
    public bool TryOpenRecord(ReadOnlySpan<byte> payload, bool burstOver, out byte[]? delivered, out RecordFailure failure)
    {
        delivered = null;
        var session = _core.Session!;
        var duplicatesBefore = session.Duplicates;
        var unacknowledgedBefore = _core.Log.UnacknowledgedBytes;
        var outcome = session.Open(payload, _core.Log, out var message, out var error, out var fault);
        _core.Counters.DuplicatesDropped(session.Duplicates - duplicatesBefore);
        if (_core.Log.UnacknowledgedBytes < unacknowledgedBefore)
        {
            _core.RoomMade.Signal();
        }

        failure = new RecordFailure(fault, error ?? string.Empty);
        if (error is not null)
        {
            return false;
        }

        if (outcome == ReassemblyOutcome.Delivered)
        {
            _core.Delivered = session.Delivered;
            _core.Counters.MessageDelivered();
            delivered = message;
            if (burstOver)
            {
                _core.RequestAck();
            }
        }

        return true;
    }

    /// <summary>A refused record is a security event: logged under <c>Tether.Security</c>, counted, and the session dropped.</summary>
    public void ReportRecordFault(uint peerId, RecordFailure failure)
    {
        LogRecordFault(peerId, failure.Fault, failure.Code);
        _core.Counters.SecurityEvent();
        _core.Drop(failure.Code, security: true);
    }

    private void LogRecordFault(uint peerId, RecordFault fault, string code)
    {
        var log = _core.SecurityLogger;
        switch (fault)
        {
            case RecordFault.Undecryptable:
                log.RecordUndecryptable(_core.Label, peerId);
                break;
            case RecordFault.Ack:
                log.AckViolation(_core.Label, peerId, code);
                break;
            default:
                log.RecordRuleBroken(_core.Label, peerId, code);
                break;
        }
    }
}
