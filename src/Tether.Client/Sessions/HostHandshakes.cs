using Tether.Client.Logging;
using Tether.Client.Relay.Events;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Client.Sessions;

/// <summary>
/// The host's side of sessions (docs/protocol.md §9): tracks joined peers, kicks revoked ones, answers
/// device handshakes deciding whether to resume the stream, supersedes the older connection, and
/// treats anything else as a security event. Under the lock.
/// </summary>
/// <remarks>
/// DATA from the peer of the current session is a record; if it fails as a record it may still be a
/// new message 1 from that device (one that started over on the same connection), so it is tried as
/// one before anything is logged. DATA from any other peer must be a message 1.
/// </remarks>
internal sealed class HostHandshakes(SessionCore core)
{
    private HostPeers Peers => core.Peers!;

    public void OnPresence(RelayEvent evt)
    {
        switch (evt)
        {
            case PeerJoined joined when joined.Role == RelayRole.Device:
                if (Peers.Join(joined.PeerId, joined.Subject))
                {
                    core.SecurityLogger.RevokedConnectionKicked(core.Label, joined.PeerId);
                    core.Counters.SecurityEvent();
                    core.Kick(joined.PeerId, RelayCloseReason.Revoked);
                }

                break;
            case PeerLeft left:
                Peers.Leave(left.PeerId);
                if (core.Session?.PeerId == left.PeerId)
                {
                    core.Drop("peer left");
                }

                break;
            case Connected:
                // The relay reports the devices already there with fresh PEER_JOINEDs.
                Peers.ForgetJoined();
                core.Drop("new connection");
                break;
        }
    }

    public byte[]? OnData(uint peerId, ReadOnlySpan<byte> payload, SessionReceiver receiver, bool burstOver)
    {
        if (core.Session is { } session && session.PeerId == peerId)
        {
            if (receiver.TryOpenRecord(payload, burstOver, out var message, out var failure))
            {
                return message;
            }

            // Not a record of the session: a fresh message 1 from its device, or an attack.
            if (!TryAnswer(peerId, payload, logRefusal: false))
            {
                receiver.ReportRecordFault(peerId, failure);
                core.SignalStartOver(peerId);
            }

            return null;
        }

        // A leftover record of a session that was dropped and told to start over: not a new attack.
        var leftover = Peers.WasReset(peerId);
        TryAnswer(peerId, payload, logRefusal: !leftover);
        return null;
    }

    /// <summary>Answers a message 1; false when it was refused (logged when <paramref name="logRefusal"/>).</summary>
    private bool TryAnswer(uint peerId, ReadOnlySpan<byte> message1, bool logRefusal)
    {
        var handshake = core.Handshake.TryRead(message1, out var device, out var requested);
        if (handshake is null || device is null)
        {
            Refused(peerId, logRefusal, log => log.HandshakeMalformed(core.Label, peerId));
            return false;
        }

        using (handshake)
        {
            // Revocation is checked here, whatever the application's callback says.
            if (Peers.IsRevokedKey(device) || Peers.IsRevokedPeer(peerId))
            {
                Refused(peerId, logRefusal: true, log => log.HandshakeRevokedKey(core.Label, peerId));
                return false;
            }

            if (!Peers.IsPaired(device))
            {
                Refused(peerId, logRefusal: true, log => log.HandshakeUnknownKey(core.Label, peerId));
                return false;
            }

            var resumed = ChooseStream(device, requested);
            var transport = SessionHandshake.Answer(handshake, core.Stream.Id, resumed, out var message2);
            Supersede(peerId);
            Peers.ClearReset(peerId);
            core.Establish(transport, peerId, message2, device, resumed);
            return true;
        }
    }

    /// <summary>Resumes the stream when the device names it and owns it; otherwise the device gets a new one.</summary>
    private bool ChooseStream(NoisePublicKey device, StreamId requested)
    {
        var stream = core.Stream;
        if (stream.Device is null)
        {
            // Nobody's stream yet (what the application sent meanwhile is for whoever comes first).
            stream.Device = device;
            return false;
        }

        var sameDevice = stream.Device.Equals(device);
        if (sameDevice && !requested.IsNone && requested == stream.Id)
        {
            return true;
        }

        core.EndStream(sameDevice ? SessionEnding.DeviceStartedNewStream : SessionEnding.AnotherDeviceTookOver);
        core.Stream.Device = device;
        return false;
    }

    /// <summary>The newer handshake wins: the older connection, if still there, is kicked with <c>superseded</c>.</summary>
    private void Supersede(uint peerId)
    {
        var older = core.ActivePeer;
        if (older != 0 && older != peerId && Peers.IsJoined(older))
        {
            core.Kick(older, RelayCloseReason.Superseded);
        }
    }

    private void Refused(uint peerId, bool logRefusal, Action<Microsoft.Extensions.Logging.ILogger> log)
    {
        core.Counters.HandshakeRefused();
        if (logRefusal)
        {
            log(core.SecurityLogger);
            core.Counters.SecurityEvent();
        }

        core.Logger.HandshakeRefused(core.Label, peerId, "refused");
    }
}
