using System.Security.Cryptography;
using Tether.Client.Relay;
using Tether.Protocol.Noise;
using Tether.Protocol.Pairing;
using Tether.Protocol.Relay;

namespace Tether.Client.Pairing;

/// <summary>
/// The device's side of pairing (docs/protocol.md §8): from a scanned link to a verified
/// <see cref="PairingGrant"/> that the caller stores.
/// </summary>
/// <remarks>
/// Flow: refuse an expired link → connect as <c>pairing</c> with the access code derived from the PSK
/// (§7.4) → <c>Noise_IKpsk2</c> message 1 carrying the pairing hello, pinning the link's host key →
/// message 2 → show the SAS → <c>pair.retry</c>* → <c>pair.accepted</c> (verified) → store →
/// <c>pair.stored</c> → <c>pair.done</c>. Any deviation throws a <see cref="PairingException"/> and,
/// before <c>pair.accepted</c> was verified, nothing is stored.
/// </remarks>
public static class PairingDevice
{
    /// <summary>Pairs with the host that made <paramref name="link"/>.</summary>
    /// <param name="link">The parsed link; the caller owns it (and disposes it after).</param>
    /// <param name="identity">The device's keys and suggested name.</param>
    /// <param name="events">Where the code and wrong-code notices are shown.</param>
    /// <param name="store">Saves the paired host; called once, before the device tells the host it stored it.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Stops pairing; nothing is stored unless <paramref name="store"/> already ran.</param>
    /// <returns>The paired host, as stored.</returns>
    /// <exception cref="PairingLinkExpiredException">The link had expired; nothing was sent.</exception>
    /// <exception cref="PairingRejectedException">The host refused (wrong code three times, expired, cancelled, error).</exception>
    /// <exception cref="PairingProtocolException">The host's side broke the protocol, or its certificate does not verify.</exception>
    /// <exception cref="PairingConnectionException">The connection ended or a reply did not come in time.</exception>
    /// <exception cref="PairingUnconfirmedException">Stored, but the host did not confirm with <c>pair.done</c>.</exception>
    public static Task<PairingGrant> PairAsync(
        PairingLink link,
        DeviceIdentityForPairing identity,
        IDevicePairingEvents events,
        Func<PairingGrant, CancellationToken, Task> store,
        TimeProvider time,
        CancellationToken cancellationToken = default) =>
        PairAsync(link, identity, events, store, new PairingDeviceOptions { TimeProvider = time }, cancellationToken);

    /// <summary>Pairs with the host that made <paramref name="link"/>, reaching the relay as <paramref name="options"/> say.</summary>
    /// <inheritdoc cref="PairAsync(PairingLink, DeviceIdentityForPairing, IDevicePairingEvents, Func{PairingGrant, CancellationToken, Task}, TimeProvider, CancellationToken)"/>
    public static async Task<PairingGrant> PairAsync(
        PairingLink link,
        DeviceIdentityForPairing identity,
        IDevicePairingEvents events,
        Func<PairingGrant, CancellationToken, Task> store,
        PairingDeviceOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        if (!PairingName.IsValid(identity.SuggestedName))
        {
            throw new ArgumentException("A device name is 1 to 64 bytes of UTF-8 without control characters.", nameof(identity));
        }

        var time = options.TimeProvider;
        if (link.IsExpired(time.GetUtcNow()))
        {
            throw new PairingLinkExpiredException("The pairing link has expired; make a new one on the workstation.");
        }

        var channel = RelayId.Read(link.ChannelId);
        var hostKey = NoisePublicKey.FromBytes(link.HostStaticKey);
        using var psk = NoisePresharedKey.FromBytes(link.Psk.AsSpan());
        using var handshake = NoiseHandshake.Create(PairingWire.Protocol, NoiseRole.Initiator, new NoiseHandshakeOptions
        {
            LocalStatic = identity.DeviceStatic,
            RemoteStatic = hostKey,
            Prologue = PairingWire.Prologue(channel),
            Psks = [psk],
        });
        var message1 = handshake.WriteMessage(PairingHello.Encode(identity.AccessKey.PublicKey, identity.SuggestedName));

        await using var relay = RelayClient.Start(new RelayClientOptions
        {
            RelayUrl = new Uri(link.RelayUrl),
            Credential = PairingCredentialFor(channel, link.Psk),
            PinnedCertificates = options.PinnedCertificates,
            LoggerFactory = options.LoggerFactory,
        });
        var conversation = new DevicePairingChannel(relay, time);
        await conversation.WaitConnectedAsync(PairingWire.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        await conversation.SendAsync(message1, cancellationToken).ConfigureAwait(false);

        using var transport = await FinishHandshakeAsync(conversation, handshake, cancellationToken).ConfigureAwait(false);
        var exchange = new DevicePairingExchange(conversation, transport, time);
        events.ShowCode(ShortAuthString.Derive(transport.HandshakeHash.Span).Digits);

        var accepted = await exchange.AwaitVerdictAsync(link, events, cancellationToken).ConfigureAwait(false);
        var host = PairingAcceptance.Verify(accepted, hostKey, identity.AccessKey, time.GetUtcNow());

        await store(host, cancellationToken).ConfigureAwait(false);
        await exchange.ConfirmStoredAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    private static RelayCredential PairingCredentialFor(RelayId channel, PairingSecret psk)
    {
        var access = PairingAccessCode.Derive(psk.AsSpan());
        try
        {
            return RelayCredential.ForPairing(channel, access);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(access);
        }
    }

    private static async Task<NoiseTransport> FinishHandshakeAsync(DevicePairingChannel conversation, NoiseHandshake handshake, CancellationToken cancellationToken)
    {
        var message2 = await conversation.ReceiveAsync(PairingWire.ReplyTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            // §8.2: message 2's payload is empty; anything else is not our host's implementation.
            if (handshake.ReadMessage(message2.Span).Length != 0)
            {
                throw new PairingProtocolException("The workstation's handshake reply carried an unexpected payload.");
            }

            return handshake.Split();
        }
        catch (NoiseException ex)
        {
            throw new PairingProtocolException("The workstation's handshake reply did not verify: the link does not belong to it, or the relay tampered with it.", ex);
        }
    }
}
