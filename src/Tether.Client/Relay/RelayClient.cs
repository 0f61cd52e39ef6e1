using System.Threading.Channels;
using Tether.Client.Relay.Events;
using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>
/// One role on one relay channel (docs/protocol.md §7): connects, proves itself, keeps and refreshes
/// its token, reports what happens as <see cref="Events"/>, sends DATA and the host's control frames,
/// and reconnects with backoff until it is disposed or told something terminal.
/// </summary>
/// <remarks>
/// <para>Flow of one attempt (<see cref="RelayConnector"/>): WebSocket to
/// <c>&lt;relay&gt;/v1/channels/&lt;id&gt;</c> (subprotocol <c>tether.relay.v1</c>) → CHALLENGE → HELLO
/// (a saved token while it looks valid, else a proof) → WELCOME (token kept, pairing slots re-opened,
/// <see cref="Connected"/>) → frames until the connection ends (<see cref="RelayConnection"/>) →
/// <see cref="Disconnected"/> and a wait (<see cref="RelayReconnectLoop"/>). Terminal endings are
/// listed on <see cref="RelayCloseClassifier"/>.</para>
/// <para>Sends are bound to the connection that is up: <see cref="SendAsync"/> waits while that
/// connection's queue is full (backpressure), returns false when no connection is up, and frames still
/// queued when a connection ends are dropped and counted. Peer ids belong to one connection, so a
/// frame never crosses into the next one; the record layer (§4.3) resends what was not acknowledged.</para>
/// </remarks>
public sealed class RelayClient : IAsyncDisposable
{
    /// <summary>A channel holds at most 4 open pairing slots (§7.4).</summary>
    public const int MaxPairingSlots = 4;

    private readonly RelayClientContext _context;
    private readonly RelayConnector _connector;
    private readonly ActiveConnection _active;
    private readonly OpenPairingSlots _slots;
    private readonly RelayReconnectLoop _loop;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _run;
    private int _disposed;

    private RelayClient(RelayClientOptions options)
    {
        _context = new RelayClientContext(options);
        _connector = new RelayConnector(_context);
        _active = new ActiveConnection(_context.Counters);
        _slots = new OpenPairingSlots(options.TimeProvider);
        _loop = new RelayReconnectLoop(_context, _connector, _active, _slots);
        _run = Task.Run(() => _loop.RunAsync(_stopping.Token));
    }

    /// <summary>The role this client connects as.</summary>
    public RelayRole Role => _context.Role;

    /// <summary>The channel it connects to.</summary>
    public RelayId Channel => _context.Credential.Channel;

    /// <summary>What happens on the channel, in order; ends with one <see cref="Closed"/>.</summary>
    public ChannelReader<RelayEvent> Events => _loop.Events;

    /// <summary>Whether a connection is welcomed and up now.</summary>
    public bool IsConnected => _active.Current is not null;

    /// <summary>This connection's peer id, 0 while disconnected.</summary>
    public uint PeerId => _active.PeerId;

    /// <summary>The latest connect token (from WELCOME or TOKEN), for saving; null for a pairing peer or before the first WELCOME.</summary>
    public RelayToken? Token => _context.Token.Get();

    /// <summary>Counts of what the client sent, received and dropped.</summary>
    public RelayClientCounters Counters => _context.Counters;

    /// <summary>Starts a client; it connects in the background.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static RelayClient Start(RelayClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid relay client options: " + string.Join(" ", errors), nameof(options));
        }

        return new RelayClient(options);
    }

    /// <summary>
    /// Queues one Noise message for <paramref name="peerId"/> (0 from a device or pairing peer), waiting
    /// while the connection's queue is full.
    /// </summary>
    /// <returns>False when no connection is up, or it ended before the frame was queued (both counted).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The payload is over 65,535 bytes.</exception>
    /// <exception cref="ArgumentException">A device or pairing peer addressed a peer other than 0.</exception>
    public async ValueTask<bool> SendAsync(uint peerId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (Role != RelayRole.Host && peerId != 0)
        {
            throw new ArgumentException("A device or pairing peer only talks to the host, peer 0.", nameof(peerId));
        }

        return await _active.QueueAsync(RelayFrames.Data(peerId, payload.Span), control: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Host only: closes one peer's connection with <paramref name="reason"/> (usually <see cref="RelayCloseReason.Revoked"/>).</summary>
    /// <returns>False when no connection is up.</returns>
    public ValueTask<bool> KickAsync(uint peerId, RelayCloseReason reason, CancellationToken cancellationToken = default)
    {
        RequireHost();
        return _active.QueueAsync(RelayFrames.Kick(peerId, reason), control: true, cancellationToken);
    }

    /// <summary>
    /// Host only: opens a pairing slot for a link (PAIR_OPEN). The client remembers it and opens it again
    /// after every reconnect until it expires or <see cref="ClosePairingSlotAsync"/> is called.
    /// </summary>
    /// <param name="verifier"><see cref="PairingAccessCode.Verifier"/> of the link's access code (32 bytes).</param>
    /// <param name="expires">The link's expiry (at most 10 minutes ahead; the relay enforces it).</param>
    /// <param name="cancellationToken">Cancels waiting for queue room.</param>
    /// <exception cref="InvalidOperationException">Already <see cref="MaxPairingSlots"/> slots are open.</exception>
    public async ValueTask OpenPairingSlotAsync(ReadOnlyMemory<byte> verifier, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        RequireHost();
        var slot = new PairingSlot(verifier.ToArray(), (ulong)expires.ToUnixTimeSeconds());
        var frame = RelayFrames.PairOpen(slot.Verifier, slot.Expires);
        _slots.Add(slot);
        await _active.QueueAsync(frame, control: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Host only: closes a pairing slot (PAIR_CLOSE) once its link is used, burnt or expired, and forgets it.</summary>
    public async ValueTask ClosePairingSlotAsync(ReadOnlyMemory<byte> verifier, CancellationToken cancellationToken = default)
    {
        RequireHost();
        var frame = RelayFrames.PairClose(verifier.Span);
        _slots.Remove(verifier.Span);
        await _active.QueueAsync(frame, control: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the connection normally (1000), stops reconnecting and ends <see cref="Events"/> with <see cref="Closed"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_active.Current is { } connection)
        {
            await connection.CloseAsync().ConfigureAwait(false);
            connection.Abort();
        }

        await _run.ConfigureAwait(false);
        _connector.Dispose();
        _stopping.Dispose();
    }

    private void RequireHost()
    {
        if (Role != RelayRole.Host)
        {
            throw new InvalidOperationException("Only the host sends KICK, PAIR_OPEN and PAIR_CLOSE.");
        }
    }
}
