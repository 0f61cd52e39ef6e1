using Tether.Client.Logging;
using Tether.Client.Relay.Events;
using Tether.Protocol.Noise;

namespace Tether.Client.Sessions;

/// <summary>
/// The device's side of sessions (docs/protocol.md §9): starts a handshake when the host is there,
/// naming its stream; finishes it on the host's answer, adopting a new stream if the host did not
/// resume; and starts over after a failure or when the host says so (an empty DATA). Under the lock.
/// </summary>
internal sealed class DeviceHandshakes(SessionCore core)
{
    public void OnPresence(RelayEvent evt)
    {
        switch (evt)
        {
            case Connected connected:
                core.Drop("new connection");
                if (connected.HostOnline)
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
        }
    }

    public byte[]? OnData(ReadOnlySpan<byte> payload, SessionReceiver receiver, bool burstOver)
    {
        if (payload.IsEmpty)
        {
            // The host dropped our session (§9 "start over"). Unauthenticated, so at worst a relay makes
            // us handshake again, which it could also do by corrupting a frame. A handshake already
            // under way is the answer to it.
            if (core.Pending is null && core.Session is not null)
            {
                core.Drop("host asked to start over");
                core.RetryHandshakeLater();
            }

            return null;
        }

        if (core.Pending is not null)
        {
            // A record of the previous session still in flight is not the answer: only a message of
            // exactly message 2's length is tried, so such leftovers cannot spoil the handshake.
            if (payload.Length == SessionHandshake.SecondMessageLength)
            {
                Finish(payload);
            }

            return null;
        }

        if (core.Session is null)
        {
            return null;
        }

        if (!receiver.TryOpenRecord(payload, burstOver, out var message, out var failure))
        {
            receiver.ReportRecordFault(0, failure);
            if (core.RestoredUnsynced && failure.Fault is RecordFault.Rule or RecordFault.Ack)
            {
                // A stream resumed from a saved id, but the host is further along than this fresh
                // process: resuming again would fail the same way for ever, so ask for a new stream.
                core.AbandonRestoredStream();
            }

            core.RetryHandshakeLater();
            return null;
        }

        core.RestoredUnsynced = false;
        return message;
    }

    private void Finish(ReadOnlySpan<byte> message2)
    {
        using var pending = core.TakePending();
        var requested = core.Stream.Id;
        NoiseTransport? transport;
        StreamId stream;
        bool resumed;
        try
        {
            transport = SessionHandshake.Finish(pending, message2, out stream, out resumed);
        }
        catch (NoiseException)
        {
            Refuse("undecryptable");
            return;
        }

        // The host may resume only the stream we named, and never a stream when we named none.
        if (transport is null || (resumed && (requested.IsNone || stream != requested)))
        {
            transport?.Dispose();
            Refuse("bad payload");
            return;
        }

        if (!resumed)
        {
            core.AdoptStream(stream);
        }

        core.Establish(transport, peerId: 0, message2: null, core.Handshake.HostKey!, resumed);
    }

    private void Refuse(string why)
    {
        // Perhaps a stale answer to an earlier attempt; retrying at once could chase it for ever.
        core.SecurityLogger.AnswerInvalid(core.Label, why);
        core.Counters.SecurityEvent();
        core.Logger.SessionDropped(core.Label, "handshake: " + why);
        core.RetryHandshakeLater();
    }
}
