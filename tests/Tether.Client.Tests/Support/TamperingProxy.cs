using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tether.Client.Tests.Support;

/// <summary>Which way a frame goes through the <see cref="TamperingProxy"/>.</summary>
internal enum Direction
{
    /// <summary>Device → relay (→ host).</summary>
    ToHost,

    /// <summary>Relay (host →) → device.</summary>
    ToDevice,
}

/// <summary>A DATA frame the proxy passed: its direction and Noise message (the payload after the peer id).</summary>
internal sealed record RecordedFrame(Direction Direction, byte[] Payload, int Connection);

/// <summary>
/// A hostile relay in miniature: a real WebSocket server on loopback that a device connects to instead
/// of the relay, forwarding every message to the real relay and back. Switches change the DATA frames
/// (docs/protocol.md §7.3: type 0x10, peer id u32, payload) the way a compromised relay could: flip a
/// bit, replay, swap two, inject; and it can hold all traffic, drop connections or refuse new ones.
/// Every DATA frame passed is recorded.
/// </summary>
internal sealed class TamperingProxy : IAsyncDisposable
{
    private const byte DataType = 0x10;
    private const int DataHeader = 5;
    private const int MaxFrame = 65_540;

    private readonly WebApplication _app;
    private readonly Uri _relay;
    private readonly Lock _lock = new();
    private readonly List<RecordedFrame> _recorded = [];
    private readonly ConcurrentDictionary<int, Bridge> _bridges = new();
    private readonly Dictionary<Direction, Queue<Func<byte[], IEnumerable<byte[]>>>> _tampers = new()
    {
        [Direction.ToHost] = new(),
        [Direction.ToDevice] = new(),
    };

    private TaskCompletionSource _open = CompletedGate();
    private DateTimeOffset _refuseUntil;
    private int _connections;

    private TamperingProxy(WebApplication app, Uri relay)
    {
        _app = app;
        _relay = relay;
    }

    /// <summary>The proxy's base URL, to give the device instead of the relay's.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every DATA frame passed so far, in order.</summary>
    public IReadOnlyList<RecordedFrame> Recorded
    {
        get
        {
            lock (_lock)
            {
                return [.. _recorded];
            }
        }
    }

    /// <summary>Close statuses the relay sent on upstream connections, by connection number.</summary>
    public ConcurrentDictionary<int, WebSocketCloseStatus?> UpstreamClosed { get; } = new();

    public static async Task<TamperingProxy> StartAsync(Uri relay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new TamperingProxy(app, relay);
        app.UseWebSockets();
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Url = new Uri(address);
        return proxy;
    }

    /// <summary>Flips one bit of the next DATA payload going <paramref name="direction"/>.</summary>
    public void FlipNextBit(Direction direction) => Arm(direction, frame =>
    {
        var copy = (byte[])frame.Clone();
        copy[DataHeader + (copy.Length - DataHeader) / 2] ^= 0x01;
        return [copy];
    });

    /// <summary>Sends an earlier DATA frame (the <paramref name="age"/>-th last recorded that way) again, before the next one.</summary>
    public void ReplayBeforeNext(Direction direction, int age = 3) => Arm(direction, frame =>
    {
        var earlier = Recorded.Where(r => r.Direction == direction).Reverse().Skip(age - 1).First();
        return [Data(earlier.Payload), frame];
    });

    /// <summary>Swaps the next two DATA frames going <paramref name="direction"/>.</summary>
    public void SwapNextTwo(Direction direction)
    {
        byte[]? held = null;
        Arm(direction, frame =>
        {
            held = frame;
            return [];
        });
        Arm(direction, frame => [frame, held!]);
    }

    /// <summary>Injects a crafted DATA frame with <paramref name="payload"/> before the next one going <paramref name="direction"/>.</summary>
    public void InjectBeforeNext(Direction direction, byte[] payload) => Arm(direction, frame => [Data(payload), frame]);

    /// <summary>Holds all traffic, both ways, for <paramref name="duration"/>; then it flows again, in order.</summary>
    public void Hold(TimeSpan duration)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _open = gate;
        }

        _ = Task.Delay(duration).ContinueWith(_ => gate.TrySetResult(), TaskScheduler.Default);
    }

    /// <summary>Aborts every connection; with <paramref name="keepUpstream"/> only the device's side, leaving the relay a connection that looks alive.</summary>
    public void DropConnections(bool keepUpstream = false)
    {
        foreach (var bridge in _bridges.Values)
        {
            bridge.KeepUpstream = keepUpstream;
            bridge.Downstream.Abort();
            if (!keepUpstream)
            {
                bridge.Upstream.Abort();
            }
        }
    }

    /// <summary>Refuses new connections (HTTP 503) for <paramref name="duration"/>.</summary>
    public void RefuseFor(TimeSpan duration) => _refuseUntil = DateTimeOffset.UtcNow + duration;

    public async ValueTask DisposeAsync()
    {
        DropConnections();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    private static byte[] Data(byte[] payload)
    {
        var frame = new byte[DataHeader + payload.Length];
        frame[0] = DataType;
        payload.CopyTo(frame, DataHeader);
        return frame;
    }

    private void Arm(Direction direction, Func<byte[], IEnumerable<byte[]>> tamper)
    {
        lock (_lock)
        {
            _tampers[direction].Enqueue(tamper);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || DateTimeOffset.UtcNow < _refuseUntil)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var upstream = new ClientWebSocket();
        foreach (var protocol in context.WebSockets.WebSocketRequestedProtocols)
        {
            upstream.Options.AddSubProtocol(protocol);
        }

        var target = new UriBuilder(_relay) { Scheme = "ws", Path = context.Request.Path }.Uri;
        await upstream.ConnectAsync(target, context.RequestAborted);
        using var downstream = await context.WebSockets.AcceptWebSocketAsync(upstream.SubProtocol);
        var number = Interlocked.Increment(ref _connections);
        var bridge = new Bridge(downstream, upstream);
        _bridges[number] = bridge;
        try
        {
            var toHost = PumpAsync(bridge, Direction.ToHost, number);
            var toDevice = PumpAsync(bridge, Direction.ToDevice, number);
            await Task.WhenAll(toHost, toDevice);
        }
        finally
        {
            _bridges.TryRemove(number, out _);
            upstream.Dispose();
        }
    }

    private async Task PumpAsync(Bridge bridge, Direction direction, int number)
    {
        var (from, to) = direction == Direction.ToHost ? (bridge.Downstream, bridge.Upstream) : (bridge.Upstream, bridge.Downstream);
        var buffer = new byte[MaxFrame + 1];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await from.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (direction == Direction.ToDevice)
                    {
                        UpstreamClosed[number] = from.CloseStatus;
                    }

                    if (to.State == WebSocketState.Open)
                    {
                        await to.CloseAsync(from.CloseStatus ?? WebSocketCloseStatus.NormalClosure, from.CloseStatusDescription, CancellationToken.None);
                    }

                    return;
                }

                Task gate;
                lock (_lock)
                {
                    gate = _open.Task;
                }

                await gate;
                if (bridge.KeepUpstream && direction == Direction.ToDevice)
                {
                    // A zombie: the relay thinks the device is still there; keep reading (and answering pings).
                    continue;
                }

                foreach (var frame in Tamper(buffer.AsSpan(0, length).ToArray(), direction, number))
                {
                    await to.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (direction == Direction.ToDevice)
            {
                UpstreamClosed.TryAdd(number, from.CloseStatus);
            }

            // One side went away: take the other down too, unless the upstream is kept alive on purpose.
            if (direction == Direction.ToDevice || !bridge.KeepUpstream)
            {
                to.Abort();
            }

            if (direction == Direction.ToDevice && bridge.KeepUpstream && from.State == WebSocketState.Open)
            {
                // The send to the dropped device failed; the zombie goes on reading.
                await PumpAsync(bridge, direction, number);
            }
        }
    }

    private List<byte[]> Tamper(byte[] frame, Direction direction, int number)
    {
        if (frame.Length < DataHeader || frame[0] != DataType)
        {
            return [frame];
        }

        Func<byte[], IEnumerable<byte[]>>? tamper;
        lock (_lock)
        {
            _tampers[direction].TryDequeue(out tamper);
        }

        List<byte[]> frames = tamper is null ? [frame] : [.. tamper(frame)];
        lock (_lock)
        {
            foreach (var sent in frames)
            {
                _recorded.Add(new RecordedFrame(direction, sent.AsSpan(DataHeader).ToArray(), number));
            }
        }

        return frames;
    }

    private sealed class Bridge(WebSocket downstream, WebSocket upstream)
    {
        public WebSocket Downstream { get; } = downstream;

        public WebSocket Upstream { get; } = upstream;

        public volatile bool KeepUpstream;
    }
}
