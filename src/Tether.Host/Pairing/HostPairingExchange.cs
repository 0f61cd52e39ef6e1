using Microsoft.Extensions.Logging;
using Tether.Client.Pairing;
using Tether.Protocol.Noise;
using Tether.Protocol.Pairing;
using Tether.Protocol.Relay;

namespace Tether.Host.Pairing;

/// <summary>
/// The host's half of one pairing once a device has joined (docs/protocol.md §8): the
/// <c>Noise_IKpsk2</c> responder, the SAS check with three attempts, the name, the certificate, and
/// the <c>pair.accepted</c> → <c>pair.stored</c> → store → <c>pair.done</c> sequence. Every failure
/// is a <see cref="PairingAbortException"/> carrying its result.
/// </summary>
internal sealed class HostPairingExchange(
    PairingHostOptions options, PairingLink link, RelayId pairingChannel, HostPairingPeer peer, IPairingPrompt prompt, ILogger log) : IDisposable
{
    private NoiseTransport? _transport;

    /// <param name="store">Saves the device; called only after the device said <c>pair.stored</c>.</param>
    /// <param name="beforeAccept">Cancelled at the link's expiry or by the caller: it bounds everything up to <c>pair.accepted</c>.</param>
    /// <param name="afterAccept">The caller's token alone: once accepted, the exchange finishes on reply deadlines, not the link's.</param>
    public async Task<PairingResult> RunAsync(Func<NewDevice, CancellationToken, Task> store, CancellationToken beforeAccept, CancellationToken afterAccept)
    {
        var time = options.TimeProvider;
        var (hello, deviceStatic) = await HandshakeAsync(beforeAccept).ConfigureAwait(false);
        await CheckCodeAsync(ShortAuthString.Derive(_transport!.HandshakeHash.Span), beforeAccept).ConfigureAwait(false);
        var name = await AskNameAsync(hello.SuggestedName, beforeAccept).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var certificate = DeviceCertificate.Issue(options.ProjectChannelKey, hello.AccessPublicKey, now + DeviceCertificate.MaxLifetime, now);
        await SendAsync(PairingMessages.EncodeAccepted(
            options.ProjectChannelKey.ChannelId.ToString(), options.RelayUrl, PairingBase64Url.Encode(certificate.ToArray()), options.HostName), beforeAccept).ConfigureAwait(false);

        var reply = await ReceiveMessageAsync(PairingWire.ReplyTimeout, afterAccept).ConfigureAwait(false);
        if (reply.Type != PairingMessages.Stored)
        {
            throw PairingAbortException.Failed("unexpected-message", PairingMessages.Error);
        }

        var device = new NewDevice(name, deviceStatic, hello.AccessPublicKey.ToArray(), time.GetUtcNow());
        try
        {
            await store(device, afterAccept).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new PairingAbortException(new PairingResult.Failed("store-failed"), PairingMessages.Error);
        }

        await SendAsync(PairingMessages.EncodeDone(), afterAccept).ConfigureAwait(false);
        log.Paired(name);
        return new PairingResult.Paired(device);
    }

    /// <summary>Tells the device why pairing ended, if there is a channel to tell it on; best effort.</summary>
    public async Task TryRejectAsync(string reason)
    {
        if (_transport is null)
        {
            return;
        }

        // The caller's token may be the reason we are here: give the last word its own short deadline.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await SendAsync(PairingMessages.EncodeRejected(reason), deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PairingAbortException or OperationCanceledException or NoiseException)
        {
            // The device will see the connection end instead.
        }
    }

    public void Dispose() => _transport?.Dispose();

    private async Task<(PairingHello Hello, NoisePublicKey DeviceStatic)> HandshakeAsync(CancellationToken cancellationToken)
    {
        var message1 = await peer.ReceiveAsync(PairingWire.ReplyTimeout, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        byte[] message2;
        byte[] payload;
        NoisePublicKey deviceStatic;
        using (var psk = NoisePresharedKey.FromBytes(link.Psk.AsSpan()))
        using (var handshake = NoiseHandshake.Create(PairingWire.Protocol, NoiseRole.Responder, new NoiseHandshakeOptions
        {
            LocalStatic = options.HostStatic,
            Prologue = PairingWire.Prologue(pairingChannel),
            Psks = [psk],
        }))
        {
            try
            {
                payload = handshake.ReadMessage(message1.Span);
                deviceStatic = handshake.RemoteStatic!;
                message2 = handshake.WriteMessage([]);
                _transport = handshake.Split();
            }
            catch (NoiseException ex)
            {
                // Someone with the access code but not the PSK (the relay, say): the link is spent.
                log.HandshakeFailed(ex.GetType().Name);
                throw PairingAbortException.Failed("handshake", null);
            }
        }

        // The PSK has done its one job (§2.3): forget it now, whatever happens next.
        link.Dispose();
        await peer.SendAsync(message2, cancellationToken).ConfigureAwait(false);

        var hello = PairingHello.TryDecode(payload);
        return hello is null
            ? throw PairingAbortException.Failed("bad-hello", PairingMessages.Error)
            : (hello, deviceStatic);
    }

    private async Task CheckCodeAsync(ShortAuthString expected, CancellationToken cancellationToken)
    {
        var attemptsLeft = PairingWire.MaxCodeAttempts;
        while (true)
        {
            var typed = await AskAsync(ct => prompt.AskCodeAsync(attemptsLeft, ct), cancellationToken).ConfigureAwait(false);
            if (!ShortAuthString.TryParse(typed, out var entered))
            {
                // A typo in the shape is not a guess: it reveals nothing and costs no attempt.
                prompt.Status("Type the 8 digits shown on the device.");
                continue;
            }

            if (entered.FixedTimeEquals(expected))
            {
                return;
            }

            attemptsLeft--;
            if (attemptsLeft == 0)
            {
                log.Burnt();
                throw new PairingAbortException(new PairingResult.Burnt(), PairingMessages.WrongCode);
            }

            log.WrongCode(attemptsLeft);
            prompt.Status($"Wrong code; {attemptsLeft} attempts left.");
            await SendAsync(PairingMessages.EncodeRetry(attemptsLeft), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// 3 tries for a valid name; then the device's suggestion (already valid), so that a prompt that
    /// keeps answering nonsense cannot hold the pairing until the link expires.
    /// </summary>
    private async Task<string> AskNameAsync(string suggested, CancellationToken cancellationToken)
    {
        const int MaxNameTries = 3;
        for (var i = 0; i < MaxNameTries; i++)
        {
            var name = (await AskAsync(ct => prompt.AskNameAsync(suggested, ct), cancellationToken).ConfigureAwait(false)).Trim();
            if (name.Length == 0)
            {
                return suggested;
            }

            if (PairingName.IsValid(name))
            {
                return name;
            }

            prompt.Status("A name is 1 to 64 bytes without control characters.");
        }

        return suggested;
    }

    /// <summary>
    /// Asks the user something while watching the device: if it leaves or says anything while the user
    /// is typing (it has nothing to say then), the question is withdrawn and pairing fails.
    /// </summary>
    private async Task<string> AskAsync(Func<CancellationToken, Task<string>> ask, CancellationToken cancellationToken)
    {
        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var answer = ask(race.Token);
        var input = peer.WaitForInputAsync(race.Token);
        var first = await Task.WhenAny(answer, input).ConfigureAwait(false);
        await race.CancelAsync().ConfigureAwait(false);
        if (first == answer)
        {
            return await answer.ConfigureAwait(false);
        }

        // Throws the reason the device is gone, or returns what it said out of turn.
        await peer.ReceiveAsync(PairingWire.ReplyTimeout, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        throw PairingAbortException.Failed("unexpected-message", PairingMessages.Error);
    }

    private async Task<PairingMessage> ReceiveMessageAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ciphertext = await peer.ReceiveAsync(timeout, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        try
        {
            var message = PairingMessages.TryDecode(_transport!.Decrypt(ciphertext.Span));
            return message ?? throw PairingAbortException.Failed("unexpected-message", PairingMessages.Error);
        }
        catch (NoiseException)
        {
            // A tampered message: the transport is poisoned, so no rejection can be sent on it.
            _transport!.Dispose();
            _transport = null;
            throw PairingAbortException.Failed("unexpected-message", null);
        }
    }

    private Task SendAsync(byte[] plaintext, CancellationToken cancellationToken) =>
        peer.SendAsync(_transport!.Encrypt(plaintext), cancellationToken);
}
