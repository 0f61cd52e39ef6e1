using Tether.Protocol.Noise;
using Tether.Protocol.Pairing;

namespace Tether.Client.Pairing;

/// <summary>
/// The device's half of the JSON exchange after the SAS (docs/protocol.md §8.3): each message one
/// Noise transport message, decrypted and checked in order; anything unexpected ends the pairing.
/// </summary>
internal sealed class DevicePairingExchange(DevicePairingChannel conversation, NoiseTransport transport, TimeProvider time)
{
    /// <summary>
    /// Waits for the host's verdict on the code the user types there: <c>pair.retry</c> (told to
    /// <paramref name="events"/>) until <c>pair.accepted</c>, which it returns, or <c>pair.rejected</c>.
    /// </summary>
    public async Task<PairingMessage> AwaitVerdictAsync(PairingLink link, IDevicePairingEvents events, CancellationToken cancellationToken)
    {
        // The user may take until the link expires to type the code; the host says when that is.
        var until = DateTimeOffset.FromUnixTimeSeconds((long)link.ExpiryUnixSeconds) + PairingWire.ExpiryGrace;
        var expectedAttemptsLeft = PairingWire.MaxCodeAttempts - 1;
        while (true)
        {
            var wait = until - time.GetUtcNow();
            var message = await ReceiveAsync(wait > TimeSpan.Zero ? wait : PairingWire.ExpiryGrace, cancellationToken).ConfigureAwait(false);
            switch (message.Type)
            {
                case PairingMessages.Accepted:
                    return message;
                case PairingMessages.Rejected:
                    throw Rejected(message.Reason!);
                case PairingMessages.Retry when message.AttemptsLeft == expectedAttemptsLeft:
                    events.WrongCode(expectedAttemptsLeft--);
                    break;
                default:
                    // A retry with the wrong count, or stored/done here: not what a host sends now.
                    throw new PairingProtocolException($"The workstation sent {message.Type} out of order.");
            }
        }
    }

    /// <summary>Says <c>pair.stored</c> and waits for <c>pair.done</c>.</summary>
    public async Task ConfirmStoredAsync(CancellationToken cancellationToken)
    {
        try
        {
            await conversation.SendAsync(transport.Encrypt(PairingMessages.EncodeStored()), cancellationToken).ConfigureAwait(false);
            var message = await ReceiveAsync(PairingWire.ReplyTimeout, cancellationToken).ConfigureAwait(false);
            if (message.Type != PairingMessages.Done)
            {
                throw new PairingProtocolException($"The workstation sent {message.Type} instead of pair.done.");
            }
        }
        catch (PairingException ex)
        {
            throw new PairingUnconfirmedException("The workstation did not confirm that it saved this device; remove the stored pairing and pair again.", ex);
        }
    }

    private static PairingRejectedException Rejected(string reason) => new(reason, reason switch
    {
        PairingMessages.WrongCode => "The code was typed wrong three times; the link is burnt. Make a new one on the workstation.",
        PairingMessages.Expired => "The pairing link expired on the workstation.",
        PairingMessages.Cancelled => "Pairing was cancelled on the workstation.",
        _ => "The workstation ended pairing with an error.",
    });

    private async Task<PairingMessage> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ciphertext = await conversation.ReceiveAsync(timeout, cancellationToken).ConfigureAwait(false);
        byte[] plaintext;
        try
        {
            plaintext = transport.Decrypt(ciphertext.Span);
        }
        catch (NoiseException ex)
        {
            throw new PairingProtocolException("A message from the workstation did not decrypt; the relay may have tampered with it.", ex);
        }

        return PairingMessages.TryDecode(plaintext)
            ?? throw new PairingProtocolException("A message from the workstation is not a valid pairing message.");
    }
}
