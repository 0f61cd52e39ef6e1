using System.Buffers.Binary;
using Tether.Protocol.Relay;
using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.Limits;

/// <summary>Bounded queues (docs/protocol.md §7.6): a slow reader slows its sender, nothing is dropped, a stalled one is cut off.</summary>
public sealed class BackpressureTests
{
    [Fact]
    public async Task SlowReader_SlowsTheSender_AndGetsEveryFrameInOrder()
    {
        await using var relay = await TestRelay.StartAsync(l => l with { QueueFrames = 4 });
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await using var device = await relay.DeviceAsync(key);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);
        host.Client.Pause();

        // Far more than the socket buffers and the queue hold, so the sender must stall.
        const int Frames = 600;
        var sending = Task.Run(async () =>
        {
            var payload = new byte[RelayFrames.MaxPayload];
            for (var i = 0; i < Frames; i++)
            {
                BinaryPrimitives.WriteInt32BigEndian(payload, i);
                await device.SendAsync(RelayFrames.Data(0, payload));
            }
        });

        await Task.Delay(1000);
        Assert.False(sending.IsCompleted, "the sender was not slowed down by the paused reader");
        host.Client.Resume();
        for (var i = 0; i < Frames; i++)
        {
            var (from, payload) = await host.ReceiveDataAsync();
            Assert.Equal(device.PeerId, from);
            Assert.Equal(i, BinaryPrimitives.ReadInt32BigEndian(payload));
        }

        await sending;
        Assert.Equal(0, await Metrics.ValueAsync(relay, "tether_relay_dropped_frames_total{reason=\"no-peer\"}"));
        Assert.Equal(0, await Metrics.ValueAsync(relay, "tether_relay_disconnects_total{reason=\"slow-consumer\"}"));
    }

    [Fact]
    public async Task ConsumerWhoseQueueStaysFull_IsDisconnectedSlowConsumer_AndTheSenderGoesOn()
    {
        await using var relay = await TestRelay.StartAsync(l => l with { QueueFrames = 4, SlowConsumerTimeout = TimeSpan.FromMilliseconds(500) });
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await using var device = await relay.DeviceAsync(key);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);
        host.Client.Pause();

        using var stop = new CancellationTokenSource();
        var sending = Task.Run(async () =>
        {
            var frame = RelayFrames.Data(0, new byte[RelayFrames.MaxPayload]);
            while (!stop.IsCancellationRequested)
            {
                await device.SendAsync(frame);
            }
        });

        await Metrics.WaitForAsync(relay, "tether_relay_disconnects_total{reason=\"slow-consumer\"}", 1);

        // The device's frames now go nowhere, counted, and its own connection is fine.
        Message? m;
        do
        {
            m = await device.Client.ReceiveAsync();
        }
        while (m is not null && m.Type != RelayFrameType.HostOffline);
        Assert.Equal(RelayFrameType.HostOffline, m?.Type);
        await Metrics.WaitForAsync(relay, "tether_relay_dropped_frames_total{reason=\"no-peer\"}", 1);
        await stop.CancelAsync();
        await sending;
        await relay.AssertServesAnotherChannelAsync();
    }
}
