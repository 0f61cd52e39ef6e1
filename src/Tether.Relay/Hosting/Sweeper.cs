using Tether.Protocol.Relay;
using Tether.Relay.Connections;
using Tether.Relay.Observability;

namespace Tether.Relay.Hosting;

/// <summary>
/// The node's one timer. Every <see cref="RelayLimits.SweepInterval"/> it walks the connections and
/// enforces their deadlines: authentication, token expiry, pairing lifetime, slow consumers and the
/// close handshake. One walk of a few thousand connections costs less than a timer per connection
/// would in memory.
/// </summary>
internal sealed class Sweeper : IDisposable
{
    private readonly RelayNode _node;
    private readonly ITimer _timer;
    private int _running;

    public Sweeper(RelayNode node)
    {
        _node = node;
        _timer = node.Time.CreateTimer(_ => Sweep(), null, node.Limits.SweepInterval, node.Limits.SweepInterval);
    }

    public void Sweep()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _node.NowMs;
            foreach (var connection in _node.Connections)
            {
                Check(connection, now);
            }

            _node.AddressLimiter.Sweep(now);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private void Check(RelayConnection c, long now)
    {
        var limits = _node.Limits;
        if (c.IsClosing)
        {
            if (now - c.ClosingSinceMs >= limits.CloseTimeout.TotalMilliseconds)
            {
                c.Abort();
            }

            return;
        }

        if (c.Role is not { } role)
        {
            if (now - c.AcceptedAtMs >= limits.AuthTimeout.TotalMilliseconds)
            {
                c.RequestClose(RelayCloseReason.AuthTimeout);
            }

            return;
        }

        // A pairing connection has no token to refresh; it simply may not outlive its purpose.
        var expired = role == RelayRole.Pairing
            ? now - c.WelcomedAtMs >= limits.PairingConnectionLifetime.TotalMilliseconds
            : _node.Issuer.IsExpired(c.TokenExpires);
        if (expired)
        {
            c.RequestClose(RelayCloseReason.TokenExpired);
            return;
        }

        CheckSlowConsumer(c, now, limits);
    }

    private void CheckSlowConsumer(RelayConnection c, long now, RelayLimits limits)
    {
        if (c.QueueCount < limits.QueueFrames)
        {
            c.FullSinceMs = 0;
            return;
        }

        // Full now; it counts as "stayed full" only if the send loop has taken nothing since.
        if (c.FullSinceMs == 0 || c.Dequeued != c.DequeuedWhenFull)
        {
            c.FullSinceMs = now;
            c.DequeuedWhenFull = c.Dequeued;
        }
        else if (now - c.FullSinceMs >= limits.SlowConsumerTimeout.TotalMilliseconds)
        {
            RelayLog.SlowConsumer(_node.Logger, c.ChannelTag, c.Role.ToLabel(), c.PeerId);
            c.RequestClose(RelayCloseReason.SlowConsumer);
        }
    }

    public void Dispose() => _timer.Dispose();
}
