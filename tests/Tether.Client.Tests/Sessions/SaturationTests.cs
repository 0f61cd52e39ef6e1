using System.Buffers.Binary;
using Tether.Client.Sessions;
using Tether.Client.Tests.Support;
using Tether.Relay;

namespace Tether.Client.Tests.Sessions;

/// <summary>
/// Both ends sending large messages as fast as they can, at once, through a real relay: neither end's
/// sends may hold up its own receives, or both relay queues fill, nothing moves, and the relay drops
/// one end as a slow consumer.
/// </summary>
public sealed class SaturationTests
{
    // 32 MiB each way, 512 full records: far more than the relay's and the clients' queues, and twice
    // the outbound log (16 MiB), so senders wait on every bound there is.
    private const int Count = 32;
    private const int Size = 1 << 20;

    // The whole exchange takes a second or two; a stall would take the relay's timeout at least once.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // A relay queue that does not move for 2 s is a stall, not a busy peer (the relay's default is 5 s;
    // a stall lasts for ever, so a shorter timeout only finds it sooner).
    private static readonly RelayLimits StrictLimits = TestRelay.QuickLimits with
    {
        SlowConsumerTimeout = TimeSpan.FromSeconds(2),
        SweepInterval = TimeSpan.FromMilliseconds(200),
    };

    [Theory]
    // With a small event queue, a receiver that waits on its own sends fills the queues before the
    // outbound log (16 MiB, about 256 records) stops the peer; with the default 256 the log tends to
    // come first and hide the stall.
    [InlineData(8)]
    [InlineData(256)]
    public async Task BothEnds_SaturateBothDirections_CompleteWithoutASlowConsumerDisconnect(int eventQueueCapacity)
    {
        await using var relay = await TestRelay.StartAsync(limits: StrictLimits);
        using var channel = new TestChannel();
        await using var pair = SessionPair.Start(channel, relay.Url, o => o with { EventQueueCapacity = eventQueueCapacity });
        await pair.WaitEstablishedAsync(Bound);

        var hostReads = ReadLargeAsync(pair.Host);
        var deviceReads = ReadLargeAsync(pair.Device);
        await Task.WhenAll(SendLargeAsync(pair.Host), SendLargeAsync(pair.Device), hostReads, deviceReads).WaitAsync(Bound);

        Assert.Equal(Enumerable.Range(1, Count), await hostReads);
        Assert.Equal(Enumerable.Range(1, Count), await deviceReads);
        Assert.Equal(1, pair.HostRelay.Counters.Connects);
        Assert.Equal(1, pair.DeviceRelay.Counters.Connects);
        Assert.Equal(0, pair.Host.Counters.SessionsDropped);
        Assert.Equal(0, pair.Device.Counters.SessionsDropped);
    }

    private static async Task SendLargeAsync(ReliableChannel channel)
    {
        for (var n = 1; n <= Count; n++)
        {
            var message = new byte[Size];
            message.AsSpan().Fill((byte)n);
            BinaryPrimitives.WriteInt32BigEndian(message, n);
            await channel.SendAsync(message);
        }
    }

    /// <summary>The numbers of <see cref="Count"/> messages, each checked whole.</summary>
    private static async Task<List<int>> ReadLargeAsync(ReliableChannel channel)
    {
        var numbers = new List<int>();
        while (numbers.Count < Count)
        {
            var message = await channel.Messages.ReadAsync();
            var n = BinaryPrimitives.ReadInt32BigEndian(message);
            Assert.Equal(Size, message.Length);
            Assert.True(message.AsSpan(4).IndexOfAnyExcept((byte)n) < 0, $"message {n} arrived intact");
            numbers.Add(n);
        }

        return numbers;
    }
}
