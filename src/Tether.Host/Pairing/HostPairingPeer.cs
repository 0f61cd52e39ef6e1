using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tether.Client.Pairing;
using Tether.Client.Relay;
using Tether.Client.Relay.Events;
using Tether.Protocol.Relay;

namespace Tether.Host.Pairing;

/// <summary>
/// The host's view of its throwaway pairing channel: it adopts the first pairing peer that used this
/// link's code (PEER_JOINED's subject is the verifier's first half, §7.4), kicks any other peer, and
/// turns the relay's events into that peer's messages, in order, or the reason the peer is gone.
/// </summary>
internal sealed class HostPairingPeer : IAsyncDisposable
{
    /// <summary>
    /// 4 unread messages: the device sends one message at a time and waits for the answer, so more
    /// than that is a peer that floods; it is dropped rather than buffered.
    /// </summary>
    private const int MaxUnread = 4;

    private readonly RelayClient _relay;
    private readonly RelayId _subject;
    private readonly ILogger _log;
    private readonly Channel<ReadOnlyMemory<byte>> _inbox = Channel.CreateBounded<ReadOnlyMemory<byte>>(MaxUnread);
    private readonly TaskCompletionSource<uint> _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private uint _peerId;

    public HostPairingPeer(RelayClient relay, RelayId subject, ILogger log)
    {
        _relay = relay;
        _subject = subject;
        _log = log;
        _pump = Task.Run(() => PumpAsync(_stop.Token));
    }

    /// <summary>The adopted peer, 0 before one joined.</summary>
    public uint PeerId => Volatile.Read(ref _peerId);

    /// <summary>Waits for the relay's first WELCOME; by then the client has queued PAIR_OPEN on that connection.</summary>
    public Task WaitConnectedAsync(CancellationToken cancellationToken) => _connected.Task.WaitAsync(cancellationToken);

    /// <summary>Waits for the device that used the link.</summary>
    public Task<uint> WaitForPeerAsync(CancellationToken cancellationToken) => _joined.Task.WaitAsync(cancellationToken);

    /// <summary>Completes when the peer sent something or is gone; for noticing either while a prompt waits.</summary>
    public Task WaitForInputAsync(CancellationToken cancellationToken) => _inbox.Reader.WaitToReadAsync(cancellationToken).AsTask();

    /// <summary>The peer's next Noise message.</summary>
    /// <exception cref="PairingAbortException">The peer or the relay connection is gone, or the peer was silent for <paramref name="timeout"/>.</exception>
    public async Task<ReadOnlyMemory<byte>> ReceiveAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await _inbox.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw PairingAbortException.Failed("timeout", PairingMessages.Error);
        }
        catch (ChannelClosedException ex) when (ex.InnerException is PairingAbortException gone)
        {
            throw gone;
        }
    }

    /// <summary>Sends one Noise message to the peer.</summary>
    /// <exception cref="PairingAbortException">No relay connection is up.</exception>
    public async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        if (!await _relay.SendAsync(PeerId, message, cancellationToken).ConfigureAwait(false))
        {
            throw PairingAbortException.Failed("relay-lost", null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(CancellationToken stop)
    {
        await foreach (var evt in _relay.Events.ReadAllAsync(stop).ConfigureAwait(false))
        {
            var peer = PeerId;
            switch (evt)
            {
                case Connected:
                    _connected.TrySetResult();
                    break;
                case PeerJoined { Role: RelayRole.Pairing } joined when peer == 0 && joined.Subject == _subject:
                    Volatile.Write(ref _peerId, joined.PeerId);
                    _log.PeerJoined(joined.PeerId);
                    _joined.TrySetResult(joined.PeerId);
                    break;
                case PeerJoined other:
                    // Nobody else belongs on a throwaway channel whose one code is spent (KICK allows
                    // only revoked or superseded; revoked is the truth here).
                    _log.ExtraPeerKicked(other.PeerId);
                    await _relay.KickAsync(other.PeerId, RelayCloseReason.Revoked, stop).ConfigureAwait(false);
                    break;
                case DataReceived data when peer != 0 && data.PeerId == peer:
                    if (!_inbox.Writer.TryWrite(data.Payload))
                    {
                        End("unexpected-message");
                    }

                    break;
                case PeerLeft left when peer != 0 && left.PeerId == peer:
                    End("peer-left");
                    break;
                case Disconnected when peer != 0:
                    // Peer ids belong to one connection; the pairing cannot continue on the next.
                    End("relay-lost");
                    break;
                case Closed:
                    End("relay-closed");
                    break;
            }
        }
    }

    private void End(string reason)
    {
        var gone = PairingAbortException.Failed(reason, null);
        _inbox.Writer.TryComplete(gone);
        _joined.TrySetException(gone);
        _connected.TrySetException(gone);
    }
}
