using System.Threading.Channels;
using Tether.Client.Relay;
using Tether.Protocol.Noise;
using Tether.Protocol.Records;

namespace Tether.Client.Sessions;

/// <summary>
/// Application messages over a <see cref="RelayClient"/> that survive reconnects: each connection runs
/// a Noise IK handshake (§1; the device initiates and pins the host's key, the host accepts paired
/// device keys), and the record layer (§4) numbers, chunks, acknowledges and, after a new handshake,
/// resends what the peer had not acknowledged, so nothing is lost or delivered twice.
/// </summary>
/// <remarks>
/// <para>One peer at a time: a device's session with its host, or a host's session with one device (a
/// newer device connection that completes a handshake replaces the older one, as one agent session has
/// one active device). The channel reads the client's <see cref="RelayClient.Events"/> itself; nothing
/// else may. The caller keeps and disposes the relay client.</para>
/// <para>Flow after every (re)connect: the device sends IK message 1 when the host is online; the host
/// answers message 2 and resends its unacknowledged messages; the device resends its own on message 2.
/// A record that fails (bad tag, broken rule, bad ack) drops the session; a device retries after
/// <see cref="ReliableChannelOptions.HandshakeRetryDelay"/>, a host waits for a new message 1.</para>
/// <para>Three tasks share the state in <see cref="SessionCore"/> under a lock that is never held
/// across an await: the <see cref="SessionReceiver"/> applies relay events, the <see cref="SessionWriter"/>
/// seals and sends, and a ticker checks deadlines and owed acks. Receiving never waits for sending, so
/// two ends that saturate both directions keep draining each other.</para>
/// </remarks>
public sealed class ReliableChannel : IAsyncDisposable
{
    // How often deadlines (handshake retry) and owed acknowledgements are looked at.
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    private readonly ReliableChannelOptions _options;
    private readonly SessionCore _core;
    private readonly SessionWriter _writer;
    private readonly Channel<byte[]> _messages;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly Task _writing;
    private readonly Task _ticking;
    private int _disposed;

    private ReliableChannel(RelayClient relay, Func<byte[], SessionHandshake> handshake, ReliableChannelOptions? options)
    {
        ArgumentNullException.ThrowIfNull(relay);
        _options = options ?? new ReliableChannelOptions();
        _core = new SessionCore(relay, handshake(SessionPrologue.For(relay.Channel)), _options);
        _writer = new SessionWriter(_core, relay);
        _messages = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(_options.MessageQueueCapacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var receiver = new SessionReceiver(_core, relay, _messages.Writer);
        _receiving = Task.Run(() => receiver.RunAsync(_stop.Token));
        _writing = Task.Run(() => _writer.RunAsync(_stop.Token));
        _ticking = Task.Run(TickAsync);
    }

    /// <summary>Messages from the peer, in order, each once. Completes when the relay client closes.</summary>
    public ChannelReader<byte[]> Messages => _messages.Reader;

    /// <summary>Whether a Noise session is up now.</summary>
    public bool IsEstablished => _core.Session is not null;

    /// <summary>The highest seq delivered from the peer.</summary>
    public ulong Delivered => _core.Delivered;

    /// <summary>Counts of sessions, deliveries, duplicates and resends.</summary>
    public ReliableChannelCounters Counters => _core.Counters;

    /// <summary>A device's side: initiates each session and accepts only <paramref name="hostKey"/>.</summary>
    public static ReliableChannel ForDevice(RelayClient relay, NoiseKeyPair deviceStatic, NoisePublicKey hostKey, ReliableChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(deviceStatic);
        ArgumentNullException.ThrowIfNull(hostKey);
        return new ReliableChannel(relay, prologue => SessionHandshake.ForDevice(deviceStatic, hostKey, prologue), options);
    }

    /// <summary>A host's side: answers handshakes from devices whose static key <paramref name="isPairedDevice"/> accepts.</summary>
    public static ReliableChannel ForHost(RelayClient relay, NoiseKeyPair hostStatic, Func<NoisePublicKey, bool> isPairedDevice, ReliableChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hostStatic);
        ArgumentNullException.ThrowIfNull(isPairedDevice);
        return new ReliableChannel(relay, prologue => SessionHandshake.ForHost(hostStatic, isPairedDevice, prologue), options);
    }

    /// <summary>
    /// Sends one message (at most 4 MiB). It is kept until the peer acknowledges it and resent after a
    /// reconnect, so it arrives once even if sent while disconnected. Waits while the outbound log is
    /// full, or while the session has a couple of MiB still to send.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The message is over 4 MiB.</exception>
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

    /// <summary>Stops the session (the relay client stays the caller's).</summary>
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
