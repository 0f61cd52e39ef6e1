using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tether.Protocol.Relay;
using Tether.Relay.Auth;
using Tether.Relay.Connections;
using Tether.Relay.Limits;
using Tether.Relay.Observability;
using Tether.Relay.Routing;

namespace Tether.Relay.Hosting;

/// <summary>
/// Everything one relay node shares between its connections: limits, the clock, the token issuer,
/// the channel registry, the address limiter, the buffer pool, metrics and the log. One per
/// <see cref="RelayServer"/>; nothing in it outlives the process.
/// </summary>
internal sealed class RelayNode
{
    private readonly ConcurrentDictionary<uint, RelayConnection> _connections = new();
    private uint _lastPeerId;
    private volatile bool _stopping;

    public RelayNode(RelayOptions options, ILogger logger)
    {
        Limits = options.Limits;
        Time = options.Time;
        Logger = logger;
        Issuer = new ConnectTokenIssuer(options.TokenKeys, options.Tokens, options.Time);
        Registry = new ChannelRegistry(Metrics);
        Authenticator = new HelloAuthenticator(Issuer, Registry, options.Time);
        AddressLimiter = new AddressLimiter(options.Limits);
        ClientAddress = new ClientAddress(options.TrustedProxies);
    }

    public RelayLimits Limits { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public RelayMetrics Metrics { get; } = new();

    public FrameBufferPool Pool { get; } = new();

    public ConnectTokenIssuer Issuer { get; }

    public ChannelRegistry Registry { get; }

    public HelloAuthenticator Authenticator { get; }

    public AddressLimiter AddressLimiter { get; }

    public ClientAddress ClientAddress { get; }

    public bool IsStopping => _stopping;

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public ICollection<RelayConnection> Connections => _connections.Values;

    /// <summary>A peer id no live connection of this node has, never 0.</summary>
    public uint Register(Func<uint, RelayConnection> create, out RelayConnection connection)
    {
        while (true)
        {
            var id = Interlocked.Increment(ref _lastPeerId);
            if (id == 0 || _connections.ContainsKey(id))
            {
                continue;
            }

            connection = create(id);
            if (_connections.TryAdd(id, connection))
            {
                return id;
            }
        }
    }

    public void Unregister(RelayConnection connection) => _connections.TryRemove(connection.PeerId, out _);

    /// <summary>Called once when a connection starts closing: its channel forgets it and tells the others.</summary>
    public void OnClosing(RelayConnection connection, RelayCloseReason reason) => Registry.Leave(connection, reason);

    /// <summary>RESTARTING's delay: random, so that the clients of a node do not all reconnect at once.</summary>
    public uint ReconnectDelayMs() => (uint)Random.Shared.Next(0, (int)Limits.RestartSpread.TotalMilliseconds + 1);

    /// <summary>
    /// Graceful shutdown: refuses new connections, sends every client RESTARTING and a close with
    /// <c>restarting</c>, and waits up to <paramref name="grace"/> for them to go; the rest are aborted.
    /// </summary>
    public async Task DrainAsync(TimeSpan grace)
    {
        _stopping = true;
        RelayLog.Stopping(Logger, _connections.Count);
        foreach (var connection in _connections.Values)
        {
            connection.RequestClose(RelayCloseReason.Restarting);
        }

        var clock = Stopwatch.StartNew();
        while (!_connections.IsEmpty && clock.Elapsed < grace)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20)).ConfigureAwait(false);
        }

        foreach (var connection in _connections.Values)
        {
            connection.Abort();
        }
    }
}
