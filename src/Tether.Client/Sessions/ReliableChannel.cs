using System.Threading.Channels;
using Tether.Client.Relay;
using Tether.Client.Sessions.Events;
using Tether.Protocol.Noise;
using Tether.Protocol.Records;
using Tether.Protocol.Relay;

namespace Tether.Client.Sessions;

/// <summary>
/// Application messages over a <see cref="RelayClient"/> that survive reconnects: each connection runs
/// a Noise IK handshake (§1; the device initiates and pins the host's key, the host accepts paired,
/// non-revoked device keys), and the record layer (§4) numbers, chunks, acknowledges and, after a new
/// handshake, resends what the peer had not acknowledged, so nothing is lost or delivered twice.
/// </summary>
/// <remarks>
/// <para>Streams (§9): the record state between the host session and one device has an id. The device
/// names its stream in each handshake; the host resumes it when it is still alive and the device's
/// own, and otherwise starts a new one (<see cref="StreamEnded"/> on both sides). The host talks to one
/// device at a time: a newer handshake supersedes the older connection, which is kicked with
/// <c>superseded</c>. A stream outlives its sessions for <see cref="ReliableChannelOptions.OutageWindow"/>.</para>
/// <para>A device's channel <see cref="Ended"/> when it is superseded, revoked, cannot reach its host
/// within the window, or its relay client stops; a host's when its relay client stops. Then
/// <see cref="Messages"/> completes and sends throw <see cref="SessionEndedException"/>. The channel
/// reads the client's <see cref="RelayClient.Events"/> itself; nothing else may. The caller keeps and
/// disposes the relay client.</para>
/// <para>Three tasks share the state in <see cref="SessionCore"/> under a lock that is never held
/// across an await: the <see cref="SessionReceiver"/> applies relay events, the <see cref="SessionWriter"/>
/// seals and sends, and a ticker checks deadlines, the outage window and owed acks. Receiving never
/// waits for sending, so two ends that saturate both directions keep draining each other.</para>
/// </remarks>
public sealed class ReliableChannel : IAsyncDisposable
{
    // How often deadlines (handshake retry, outage window) and owed acknowledgements are looked at.
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    private readonly ReliableChannelOptions _options;
    private readonly SessionCore _core;
    private readonly RelayClient _relay;
    private readonly SessionWriter _writer;
    private readonly Channel<byte[]> _messages;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly Task _writing;
    private readonly Task _ticking;
    private int _disposed;

    private ReliableChannel(RelayClient relay, Func<byte[], SessionHandshake> handshake, HostPeers? peers, ReliableChannelOptions? options)
    {
        ArgumentNullException.ThrowIfNull(relay);
        _relay = relay;
        _options = options ?? new ReliableChannelOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.OutageWindow, TimeSpan.Zero, nameof(options));
        _messages = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(_options.MessageQueueCapacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        _core = new SessionCore(relay, handshake(SessionPrologue.For(relay.Channel)), _options, peers, _messages.Writer);
        _writer = new SessionWriter(_core, relay);
        var receiver = new SessionReceiver(_core, relay, _messages.Writer);
        _receiving = Task.Run(() => receiver.RunAsync(_stop.Token));
        _writing = Task.Run(() => _writer.RunAsync(_stop.Token));
        _ticking = Task.Run(TickAsync);
    }

    /// <summary>Messages from the peer, in order, each once. Completes when the channel ends.</summary>
    public ChannelReader<byte[]> Messages => _messages.Reader;

    /// <summary>
    /// What happens to sessions and streams: <see cref="SessionEstablished"/> (host: a device connected),
    /// <see cref="SessionLost"/> (host: the device left), <see cref="StreamEnded"/>. Never waits: past 256
    /// unread events the oldest are dropped. Completes when the channel ends.
    /// </summary>
    public ChannelReader<SessionEvent> Events => _core.Events;

    /// <summary>Completes once, when the channel ends for good, with why (reason and words for the user).</summary>
    public Task<SessionEnding> Ended => _core.Ended;

    /// <summary>Whether a Noise session is up now.</summary>
    public bool IsEstablished => _core.Session is not null;

    /// <summary>
    /// The current stream's id: a device saves it to resume after a restart
    /// (<see cref="ReliableChannelOptions.InitialStreamId"/>); <see cref="StreamId.None"/> on a device before its first session.
    /// </summary>
    public StreamId StreamId
    {
        get
        {
            lock (_core.Lock)
            {
                return _core.Stream.Id;
            }
        }
    }

    /// <summary>The highest seq delivered from the peer in the current stream.</summary>
    public ulong Delivered => _core.Delivered;

    /// <summary>Counts of sessions, deliveries, duplicates, resends and security events.</summary>
    public ReliableChannelCounters Counters => _core.Counters;

    /// <summary>A device's side: initiates each session and accepts only <paramref name="hostKey"/>.</summary>
    public static ReliableChannel ForDevice(RelayClient relay, NoiseKeyPair deviceStatic, NoisePublicKey hostKey, ReliableChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(deviceStatic);
        ArgumentNullException.ThrowIfNull(hostKey);
        return new ReliableChannel(relay, prologue => SessionHandshake.ForDevice(deviceStatic, hostKey, prologue), null, options);
    }

    /// <summary>A host's side: answers handshakes from devices whose static key <paramref name="isPairedDevice"/> accepts.</summary>
    public static ReliableChannel ForHost(RelayClient relay, NoiseKeyPair hostStatic, Func<NoisePublicKey, bool> isPairedDevice, ReliableChannelOptions? options = null) =>
        ForHost(relay, hostStatic, isPairedDevice, isRevokedSubject: null, options);

    /// <summary>
    /// A host's side: answers handshakes from devices whose static key <paramref name="isPairedDevice"/>
    /// accepts (and that were not revoked through <see cref="RevokeAsync"/>), and kicks at once every
    /// device connection whose relay subject (PEER_JOINED, §7.3) <paramref name="isRevokedSubject"/> says is revoked.
    /// </summary>
    /// <param name="relay">The host's relay client.</param>
    /// <param name="hostStatic">The host's static key, which devices pin.</param>
    /// <param name="isPairedDevice">Whether a device static key belongs to a paired, non-revoked device of the project.</param>
    /// <param name="isRevokedSubject">Whether a relay subject (16 bytes) is a revoked device's; null for none.</param>
    /// <param name="options">Knobs; null for the defaults.</param>
    public static ReliableChannel ForHost(
        RelayClient relay, NoiseKeyPair hostStatic, Func<NoisePublicKey, bool> isPairedDevice, Func<ReadOnlyMemory<byte>, bool>? isRevokedSubject, ReliableChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hostStatic);
        ArgumentNullException.ThrowIfNull(isPairedDevice);
        return new ReliableChannel(relay, prologue => SessionHandshake.ForHost(hostStatic, prologue), new HostPeers(isPairedDevice, isRevokedSubject), options);
    }

    /// <summary>
    /// Host only: revokes a device. From now on its static key is refused, whatever the paired-device
    /// callback says; its live connections (PEER_JOINED subject <paramref name="accessSubject"/>) are
    /// kicked with <c>revoked</c> (the device ends with <see cref="SessionEndReason.Revoked"/>), and its
    /// stream ends.
    /// </summary>
    /// <param name="deviceKey">The device's Noise static key.</param>
    /// <param name="accessSubject">Its relay subject: <c>SHA-256(access public key)[0..16)</c> (§7.2).</param>
    /// <param name="cancellationToken">Cancels waiting for room in the relay's control queue.</param>
    /// <exception cref="InvalidOperationException">This is a device's channel.</exception>
    /// <exception cref="ArgumentException">The subject is not 16 bytes.</exception>
    public async Task RevokeAsync(NoisePublicKey deviceKey, ReadOnlyMemory<byte> accessSubject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceKey);
        var subject = RelayId.Read(accessSubject.Span);
        var peers = _core.Peers ?? throw new InvalidOperationException("Only a host revokes devices.");
        List<uint> kick;
        lock (_core.Lock)
        {
            kick = peers.Revoke(deviceKey, subject);
            if (_core.Session is { } session && _core.Stream.Device?.Equals(deviceKey) == true && !kick.Contains(session.PeerId))
            {
                kick.Add(session.PeerId);
            }

            if (_core.Stream.Device?.Equals(deviceKey) == true)
            {
                _core.EndStream(SessionEnding.StreamDeviceRevoked);
            }
        }

        foreach (var peer in kick)
        {
            await _relay.KickAsync(peer, RelayCloseReason.Revoked, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends one message (at most 4 MiB) on the current stream. It is kept until the peer acknowledges
    /// it and resent after a reconnect, so it arrives once even if sent while disconnected, unless the
    /// stream ends first (<see cref="StreamEnded"/>: its unacknowledged messages are discarded). On a host
    /// with no device yet, it waits in the stream the next device gets. Waits while the outbound log is
    /// full, or while the session has a couple of MiB still to send.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The message is over 4 MiB.</exception>
    /// <exception cref="SessionEndedException">The channel has ended (see <see cref="Ended"/>).</exception>
    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        if (!Chunker.IsWithinLimit(message.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(message), message.Length, $"message-too-large: a message is at most {Chunker.MaxMessageBytes} bytes; truncate it before sending.");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var copy = message.ToArray();
        while (true)
        {
            var room = _core.RoomMade.Task;
            if (_writer.TryAppend(copy))
            {
                return;
            }

            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the session (the relay client stays the caller's); <see cref="Ended"/> completes with <see cref="SessionEndReason.Disposed"/> if it had not ended.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_receiving, _writing, _ticking).ConfigureAwait(false);
        _core.Dispose();
        _messages.Writer.TryComplete();
        _stop.Dispose();
    }

    private async Task TickAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(TickInterval, _options.TimeProvider, _stop.Token).ConfigureAwait(false);
                _core.Tick();
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
