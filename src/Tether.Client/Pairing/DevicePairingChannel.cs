using Tether.Client.Relay;
using Tether.Client.Relay.Events;

namespace Tether.Client.Pairing;

/// <summary>
/// The device's view of its one pairing connection: DATA from the host in order, and anything that
/// ends the conversation (host offline, connection closed, no reply in time) as a
/// <see cref="PairingConnectionException"/>. A pairing that loses its connection simply fails (§8).
/// </summary>
internal sealed class DevicePairingChannel(RelayClient relay, TimeProvider time)
{
    /// <summary>Waits for WELCOME; the host must be online, since the relay only admits a code while its slot is open.</summary>
    public async Task WaitConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var evt = await NextAsync(e => e is Connected or Closed, timeout, cancellationToken).ConfigureAwait(false);
        switch (evt)
        {
            case Connected { HostOnline: true }:
                return;
            case Connected:
                throw new PairingConnectionException("The workstation is not connected to the relay.");
            default:
                throw new PairingConnectionException("The relay refused the pairing code: the link was already used, has expired, or the workstation stopped waiting.");
        }
    }

    public async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        if (!await relay.SendAsync(0, message, cancellationToken).ConfigureAwait(false))
        {
            throw new PairingConnectionException("The pairing connection to the relay was lost.");
        }
    }

    /// <summary>The next Noise message from the host.</summary>
    public async Task<ReadOnlyMemory<byte>> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var evt = await NextAsync(e => e is DataReceived or HostOffline or Disconnected or Closed, timeout, cancellationToken).ConfigureAwait(false);
        return evt is DataReceived data
            ? data.Payload
            : throw new PairingConnectionException(evt is HostOffline
                ? "The workstation went offline during pairing."
                : "The pairing connection to the relay was lost.");
    }

    private async Task<RelayEvent> NextAsync(Func<RelayEvent, bool> wanted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            while (true)
            {
                var evt = await relay.Events.ReadAsync(linked.Token).ConfigureAwait(false);
                if (wanted(evt))
                {
                    return evt;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PairingConnectionException("The workstation did not answer in time.");
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            throw new PairingConnectionException("The pairing connection to the relay was lost.");
        }
    }
}
