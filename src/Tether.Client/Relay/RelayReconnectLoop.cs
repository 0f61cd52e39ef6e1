using System.Threading.Channels;
using Tether.Client.Logging;
using Tether.Client.Relay.Events;
using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>
/// A <see cref="RelayClient"/>'s life: connect, run the welcomed connection, report how it ended, wait
/// and connect again, until it is disposed or an ending is terminal (<see cref="RelayCloseClassifier"/>).
/// </summary>
/// <remarks>
/// The wait is <c>random(0, min(30 s, 250 ms × 2^attempt))</c>, the attempt count restarting after
/// every WELCOME; after RESTARTING it is the relay's hint plus a little jitter. A refused saved token
/// is retried at once with a proof.
/// </remarks>
internal sealed class RelayReconnectLoop
{
    private readonly RelayClientContext _context;
    private readonly RelayConnector _connector;
    private readonly RelayBackoff _backoff;
    private readonly ActiveConnection _active;
    private readonly OpenPairingSlots _slots;
    private readonly Channel<RelayEvent> _events;

    public RelayReconnectLoop(RelayClientContext context, RelayConnector connector, ActiveConnection active, OpenPairingSlots slots)
    {
        _context = context;
        _connector = connector;
        _active = active;
        _slots = slots;
        _backoff = new RelayBackoff(context.Options.Backoff, context.Options.Random ?? Random.Shared);
        _events = Channel.CreateBounded<RelayEvent>(new BoundedChannelOptions(context.Options.EventQueueCapacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>What happens on the channel, in order; ends with one <see cref="Closed"/>.</summary>
    public ChannelReader<RelayEvent> Events => _events.Reader;

    public async Task RunAsync(CancellationToken stopping)
    {
        var attempt = 0;
        RelayCloseReason? finalReason = RelayCloseReason.Normal;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var end = await _connector.ConnectAsync(attempt, (connection, welcome) => RunWelcomedAsync(connection, welcome, stopping), stopping).ConfigureAwait(false);
                if (stopping.IsCancellationRequested)
                {
                    break;
                }

                if (end.Welcomed)
                {
                    attempt = 0;
                }

                if (end.UsedToken && !end.Welcomed && end.Reason == RelayCloseReason.AuthFailed)
                {
                    // Not terminal: the saved token was refused (expired, rotated key, another node's
                    // clock). Prove instead, at once.
                    _context.Token.Set(null);
                    _context.Counters.TokenWasRefused();
                    _context.Log.TokenRefused(_context.Role, _context.ChannelLabel);
                    continue;
                }

                if (end.Reason == RelayCloseReason.TokenExpired)
                {
                    _context.Token.Set(null);
                }

                if (RelayCloseClassifier.IsTerminal(end.Reason) || (_context.Role == RelayRole.Pairing && end.HelloSent))
                {
                    finalReason = end.Reason;
                    break;
                }

                var delay = end.RestartHint is { } hint ? hint + _backoff.Delay(0) : _backoff.Delay(attempt);
                attempt++;
                await _events.Writer.WriteAsync(new Disconnected(end.Reason, delay, end.CertificateRejected), stopping).ConfigureAwait(false);
                await Task.Delay(delay, _context.Options.TimeProvider, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: Closed(normal) below.
        }
        finally
        {
            _context.Log.Stopped(_context.Role, _context.ChannelLabel, finalReason?.ToName() ?? "dropped");
            // When disposed while nobody reads, a full queue must not hold up the dispose; the reader
            // then sees the stream complete without the Closed event.
            _events.Writer.TryWrite(new Closed(finalReason));
            _events.Writer.TryComplete();
        }
    }

    private async Task<ConnectionEnd> RunWelcomedAsync(RelayConnection connection, RelayWelcome welcome, CancellationToken stopping)
    {
        var (role, label) = (_context.Role, _context.ChannelLabel);
        _context.Counters.Connected();
        _context.Log.Welcomed(role, label, welcome.PeerId, welcome.HostOnline);
        _active.Publish(connection, welcome.PeerId);
        if (stopping.IsCancellationRequested)
        {
            // DisposeAsync may have looked for a connection just before this one was published.
            await connection.CloseAsync().ConfigureAwait(false);
        }

        ReopenPairingSlots(connection);
        (RelayCloseReason? Reason, TimeSpan? RestartHint) ended;
        try
        {
            await _events.Writer.WriteAsync(new Connected(welcome.PeerId, welcome.HostOnline), stopping).ConfigureAwait(false);
            ended = await connection.RunAsync(role, _events.Writer, _context.Token, what => _context.Log.RelayMisbehaved(role, label, what)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ended = (RelayCloseReason.Normal, null);
        }
        finally
        {
            _active.Clear();
        }

        var dropped = connection.DropQueued();
        _context.Counters.DroppedWithConnection(dropped);
        if (ended.RestartHint is { } hint)
        {
            _context.Log.RelayRestarting(role, label, (long)hint.TotalMilliseconds);
        }

        _context.Log.ConnectionEnded(role, label, ended.Reason?.ToName() ?? "dropped", dropped, 0);
        return new ConnectionEnd(ended.Reason, true, welcome.UsedToken, true, ended.RestartHint, false);
    }

    private void ReopenPairingSlots(RelayConnection connection)
    {
        if (_context.Role != RelayRole.Host)
        {
            return;
        }

        foreach (var slot in _slots.Unexpired())
        {
            // At most 4 slots in a 16-frame control queue that was just created: always room.
            connection.TryQueueControl(RelayFrames.PairOpen(slot.Verifier, slot.Expires));
        }
    }
}
