using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tether.Client.Pairing;
using Tether.Client.Relay;
using Tether.Protocol.Pairing;
using Tether.Protocol.Relay;

namespace Tether.Host.Pairing;

/// <summary>
/// The workstation's side of pairing one device (docs/protocol.md §8): makes a one-time link on a
/// fresh throwaway pairing channel, waits for the device that scans it, checks the 8-digit code the
/// user types, certifies the device for the project's channel and hands it to the store.
/// </summary>
/// <remarks>
/// One link per instance: <see cref="CreateLink"/> once, then <see cref="RunAsync"/> once. The link's
/// PSK is zeroed as soon as the handshake has used it, or when the run ends however it ends, so the
/// <see cref="PairingLink"/> returned by <see cref="CreateLink"/> can no longer be shown after that.
/// </remarks>
public sealed class PairingHost : IDisposable
{
    private readonly PairingHostOptions _options;
    private readonly ILogger _log;
    private ChannelKey? _pairingChannelKey;
    private PairingLink? _link;
    private int _ran;

    /// <summary>Checks the options; nothing connects until <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid (every problem is listed).</exception>
    public PairingHost(PairingHostOptions options, ILogger<PairingHost>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RelayUrl is null || !RelayUrlGrammar.IsValid(options.RelayUrl))
        {
            errors.Add("RelayUrl must be a relay URL as docs/protocol.md §2.2 defines it.");
        }

        if (!PairingName.IsValid(options.HostName))
        {
            errors.Add("HostName must be 1 to 64 bytes of UTF-8 without control characters.");
        }

        if (options.ProjectChannelKey is null || options.HostStatic is null || options.TimeProvider is null || options.PinnedCertificates is null)
        {
            errors.Add("ProjectChannelKey, HostStatic, TimeProvider and PinnedCertificates are required.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid pairing options: " + string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _log = logger ?? NullLogger<PairingHost>.Instance;
    }

    /// <summary>
    /// Makes the link to show (as a QR code): a fresh pairing channel, a fresh PSK, expiring
    /// <see cref="PairingLink.Lifetime"/> from now. It is a credential: show it, never log it.
    /// </summary>
    /// <exception cref="InvalidOperationException">A link was already made by this instance.</exception>
    public PairingLink CreateLink()
    {
        if (_link is not null)
        {
            throw new InvalidOperationException("A PairingHost makes one link; use a new one for another device.");
        }

        _pairingChannelKey = ChannelKey.Generate();
        _link = PairingLink.Generate(
            _options.RelayUrl, _pairingChannelKey.ChannelId.ToArray(), _options.HostStatic.PublicKey.Span, _options.TimeProvider.GetUtcNow());
        return _link;
    }

    /// <summary>Runs the pairing for the link from <see cref="CreateLink"/> until it is paired, burnt, expired, cancelled or fails.</summary>
    /// <param name="prompt">Asks the workstation user for the code and the device's name.</param>
    /// <param name="store">Saves the new device; called once, only after the code matched and the device stored its side.</param>
    /// <param name="cancellationToken">Cancels pairing (the device is told <c>cancelled</c>).</param>
    /// <returns>How it ended; only <see cref="PairingResult.Paired"/> stored anything.</returns>
    /// <exception cref="InvalidOperationException">No link was made, or this link already ran.</exception>
    public async Task<PairingResult> RunAsync(IPairingPrompt prompt, Func<NewDevice, CancellationToken, Task> store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(store);
        var link = _link ?? throw new InvalidOperationException("Call CreateLink first.");
        if (Interlocked.Exchange(ref _ran, 1) != 0)
        {
            throw new InvalidOperationException("A pairing link runs once.");
        }

        try
        {
            return await RunLinkAsync(link, _pairingChannelKey!, prompt, store, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Used, burnt, expired, cancelled or failed: the PSK is forgotten either way (§2.3).
            Dispose();
        }
    }

    /// <summary>Zeroes the link's PSK and drops the pairing channel key.</summary>
    public void Dispose()
    {
        _link?.Dispose();
        _pairingChannelKey?.Dispose();
    }

    private async Task<PairingResult> RunLinkAsync(
        PairingLink link, ChannelKey pairingChannelKey, IPairingPrompt prompt, Func<NewDevice, CancellationToken, Task> store, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((long)link.ExpiryUnixSeconds);
        var left = expiresAt - time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            _log.Expired();
            return new PairingResult.Expired();
        }

        var verifier = Verifier(link.Psk);
        using var expiry = new CancellationTokenSource(left, time);
        using var beforeAccept = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        await using var relay = RelayClient.Start(new RelayClientOptions
        {
            RelayUrl = new Uri(_options.RelayUrl),
            Credential = RelayCredential.ForHost(pairingChannelKey),
            PinnedCertificates = _options.PinnedCertificates,
            LoggerFactory = _options.RelayLoggerFactory,
        });
        await using var peer = new HostPairingPeer(relay, RelayId.Read(verifier.AsSpan(0, RelayId.Length)), _log);
        using var exchange = new HostPairingExchange(_options, link, pairingChannelKey.ChannelId, peer, prompt, _log);
        try
        {
            // The client re-opens the slot after every reconnect until it is closed (§7.7).
            await relay.OpenPairingSlotAsync(verifier, expiresAt, beforeAccept.Token).ConfigureAwait(false);
            await peer.WaitConnectedAsync(beforeAccept.Token).ConfigureAwait(false);
            _log.WaitingForDevice();
            prompt.LinkReady();
            await peer.WaitForPeerAsync(beforeAccept.Token).ConfigureAwait(false);
            await relay.ClosePairingSlotAsync(verifier, CancellationToken.None).ConfigureAwait(false);
            prompt.Status("Device connected; type the code it shows.");
            return await exchange.RunAsync(store, beforeAccept.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _log.Cancelled();
            await exchange.TryRejectAsync(PairingMessages.Cancelled).ConfigureAwait(false);
            return new PairingResult.Cancelled();
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested)
        {
            _log.Expired();
            await exchange.TryRejectAsync(PairingMessages.Expired).ConfigureAwait(false);
            return new PairingResult.Expired();
        }
        catch (PairingAbortException abort)
        {
            if (abort.Result is PairingResult.Failed failed)
            {
                _log.Failed(failed.Reason);
            }

            if (abort.RejectReason is { } reason)
            {
                await exchange.TryRejectAsync(reason).ConfigureAwait(false);
            }

            return abort.Result;
        }
        finally
        {
            // Idempotent: closes the slot if no device came, and stops the client re-opening it.
            await relay.ClosePairingSlotAsync(verifier, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static byte[] Verifier(PairingSecret psk)
    {
        var access = PairingAccessCode.Derive(psk.AsSpan());
        try
        {
            return PairingAccessCode.Verifier(access);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(access);
        }
    }
}
