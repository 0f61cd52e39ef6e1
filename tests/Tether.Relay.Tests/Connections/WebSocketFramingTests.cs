using System.Text;
using Tether.Protocol.Relay;
using Tether.Relay.Tests.Support;
using static Tether.Relay.Connections.WebSocketFrames;
using static Tether.Relay.Tests.Support.RawWebSocket;

namespace Tether.Relay.Tests.Connections;

/// <summary>
/// The relay's own RFC 6455 framing against a client at the byte level: every framing error closes
/// the offender with the right code (docs/protocol.md §7.3, §7.5), lengths are refused from the
/// header, and what a client may legally do (fragments, pings between them, many frames in one
/// write, a frame split across writes) works.
/// </summary>
public sealed class WebSocketFramingTests
{
    public static TheoryData<string, byte[]> BrokenFraming => new()
    {
        { "an unmasked binary frame", Frame(0x80 | Binary, RelayFrames.Data(1, "x"u8), masked: false) },
        { "RSV1 set (no compression was agreed)", Frame(0x80 | 0x40 | Binary, RelayFrames.Data(1, "x"u8)) },
        { "RSV3 set", Frame(0x80 | 0x10 | Binary, RelayFrames.Data(1, "x"u8)) },
        { "a reserved data opcode", Frame(0x80 | 0x3, "x"u8) },
        { "a reserved control opcode", Frame(0x80 | 0xB, "x"u8) },
        { "a continuation frame outside a message", Frame(0x80 | Continuation, RelayFrames.Data(1, "x"u8)) },
        { "a ping over 125 bytes", Frame(0x80 | Ping, new byte[126]) },
        { "a fragmented ping", Frame(Ping, "x"u8) },
        { "a close over 125 bytes", Frame(0x80 | Close, new byte[200]) },
        { "a 64-bit length with its top bit set", Frame(0x80 | Binary, [], claimedLength: long.MinValue) },
        { "a new message inside a fragmented one", [.. Frame(Binary, RelayFrames.Data(1, "a"u8)), .. Frame(0x80 | Binary, "b"u8)] },
        { "garbage", [0xff, 0xff, 0x13, 0x37, 0x00, 0x42, 0x99, 0xfe] },
    };

    [Theory]
    [MemberData(nameof(BrokenFraming))]
    public async Task BrokenFraming_ClosesProtocolError_AndTheRelayHangsUp(string what, byte[] bytes)
    {
        Assert.NotEmpty(what);
        await using var relay = await TestRelay.StartAsync();
        await using var client = await RawHostAsync(relay);
        await client.SendAsync(bytes);
        await client.ExpectCloseAsync(RelayCloseReason.ProtocolError);

        // Nothing after broken framing can be trusted to be a frame, so the relay ends the connection
        // itself once the client lets go (the sweep would abort it after the close timeout).
        await client.DisposeAsync();
        await relay.AssertServesAnotherChannelAsync();
    }

    public static TheoryData<string, long> LengthsOverTheLimit => new()
    {
        { "one byte over, 16-bit length", RelayFrames.MaxFrame + 1 },
        { "64-bit length, 1 TiB", 1L << 40 },
        { "64-bit length, the largest legal", long.MaxValue },
    };

    [Theory]
    [MemberData(nameof(LengthsOverTheLimit))]
    public async Task ALengthOverTheLimitInTheHeader_ClosesFrameTooLarge_WithoutWaitingForThePayload(string what, long length)
    {
        Assert.NotEmpty(what);
        await using var relay = await TestRelay.StartAsync();
        await using var client = await RawHostAsync(relay);

        // Only the header is sent: the verdict comes from it alone.
        await client.SendAsync(Frame(0x80 | Binary, [], claimedLength: length));
        await client.ExpectCloseAsync(RelayCloseReason.FrameTooLarge);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task ALengthOverTheHelloLimit_BeforeWelcome_ClosesFrameTooLarge()
    {
        await using var relay = await TestRelay.StartAsync();
        await using var client = await RawWebSocket.ConnectAsync(relay, BadInputTests.RandomChannel());
        Assert.Equal(Binary, (await client.ReadFrameAsync()).Opcode);
        await client.SendAsync(Frame(0x80 | Binary, [], claimedLength: RelayFrames.MaxHello + 1));
        await client.ExpectCloseAsync(RelayCloseReason.FrameTooLarge);
    }

    [Fact]
    public async Task ATextFrame_ClosesProtocolError()
    {
        await using var relay = await TestRelay.StartAsync();
        await using var client = await RawHostAsync(relay);
        await client.SendAsync(Frame(0x80 | Text, "{}"u8));
        await client.ExpectCloseAsync(RelayCloseReason.ProtocolError);
    }

    [Fact]
    public async Task AFragmentedMessageOverTheLimit_ClosesFrameTooLarge_AtTheFragmentThatPassesIt()
    {
        await using var relay = await TestRelay.StartAsync();
        await using var client = await RawHostAsync(relay);
        var half = new byte[(RelayFrames.MaxFrame / 2) + 1];
        half[0] = (byte)RelayFrameType.Data;
        await client.SendAsync([.. Frame(Binary, half), .. Frame(Continuation, new byte[10])]);

        // The second fragment's header alone passes the limit.
        await client.SendAsync(Frame(0x80 | Continuation, [], claimedLength: half.Length));
        await client.ExpectCloseAsync(RelayCloseReason.FrameTooLarge);
    }

    [Fact]
    public async Task AMessageInFragments_WithAPingBetweenThem_ArrivesWhole_AndThePingIsAnswered()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await using var device = await RawDeviceAsync(relay, key, host);
        var frame = RelayFrames.Data(0, Encoding.UTF8.GetBytes(new string('f', 5000)));
        await device.SendAsync([
            .. Frame(Binary, frame.AsSpan(0, 3)),
            .. Frame(0x80 | Ping, "are you there"u8),
            .. Frame(Continuation, frame.AsSpan(3, 4000)),
            .. Frame(0x80 | Continuation, frame.AsSpan(4003)),
        ]);

        var (opcode, payload) = await device.ReadFrameAsync();
        Assert.Equal(Pong, opcode);
        Assert.Equal("are you there", Encoding.UTF8.GetString(payload));
        var (_, received) = await host.ReceiveDataAsync();
        Assert.Equal(frame.AsSpan(RelayFrames.DataHeaderLength).ToArray(), received);
    }

    [Fact]
    public async Task ManyFramesInOneWrite_AndAFrameSplitAcrossWrites_AllArriveInOrder()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await using var device = await RawDeviceAsync(relay, key, host);
        // Sizes around the relay's 16 KiB read buffer and its 4 KiB frame buffers, and the largest frame.
        int[] sizes = [1, 200, 4091, 4092, 9000, 16_370, 16_400, 40_000, RelayFrames.MaxPayload, 3];
        var burst = new List<byte>();
        foreach (var (size, i) in sizes.Select((s, i) => (s, i)))
        {
            var payload = new byte[size];
            payload[0] = (byte)i;
            burst.AddRange(BinaryFrame(RelayFrames.Data(0, payload)));
        }

        var bytes = burst.ToArray();
        var split = bytes.Length / 3;
        await device.SendAsync(bytes[..split]);
        for (var i = split; i < split + 20; i++)
        {
            await device.SendAsync(bytes[i..(i + 1)]);
        }

        await device.SendAsync(bytes[(split + 20)..]);
        foreach (var (size, i) in sizes.Select((s, i) => (s, i)))
        {
            var (_, payload) = await host.ReceiveDataAsync();
            Assert.Equal(size, payload.Length);
            Assert.Equal((byte)i, payload[0]);
        }
    }

    [Fact]
    public async Task AClientThatNeverAnswersPings_IsCutOff_AndOneThatAnswersStays()
    {
        await using var relay = await TestRelay.StartAsync(l => l with
        {
            // Short, but with room for a busy test machine: a late pong must not fail the test.
            KeepAliveInterval = TimeSpan.FromMilliseconds(300),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(1500),
        });
        await using var silent = await RawHostAsync(relay);
        await using var answering = await RawHostAsync(relay);

        // The answering client keeps answering for the whole test, in the background.
        using var stop = new CancellationTokenSource();
        var answered = 0;
        var answeringLoop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (opcode, payload) = await answering.ReadFrameAsync();
                Assert.Equal(Ping, opcode);
                await answering.SendAsync(Frame(0x80 | Pong, payload));
                Interlocked.Increment(ref answered);
            }
        });

        // Its pings go unread: once cut off, the reset may discard them before they are read.
        Assert.True(await silent.IsClosedByRelayAsync(TimeSpan.FromSeconds(5)), "the silent client was not cut off");
        while (Volatile.Read(ref answered) < 3 && !answeringLoop.IsCompleted)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await answeringLoop;
        Assert.True(answered >= 3, $"the answering client got {answered} pings");
    }

    [Fact]
    public async Task TheClientsClose_IsAnsweredWithNormal_AndTheConnectionEnds()
    {
        await using var relay = await TestRelay.StartAsync();
        await using var client = await RawHostAsync(relay);
        await client.SendAsync(Frame(0x80 | Close, [0x03, 0xe8]));
        await client.ExpectCloseAsync(RelayCloseReason.Normal);
        Assert.True(await client.IsClosedByRelayAsync(TimeSpan.FromSeconds(5)));
    }

    /// <summary>A raw client welcomed as the host of a fresh channel.</summary>
    private static async Task<RawWebSocket> RawHostAsync(TestRelay relay)
    {
        var channel = BadInputTests.RandomChannel();
        var client = await RawWebSocket.ConnectAsync(relay, channel);
        await client.HelloAsync(relay, channel, RelayRole.Host);
        return client;
    }

    /// <summary>A raw client welcomed as a device of <paramref name="key"/>'s channel, once its host has heard of it.</summary>
    private static async Task<RawWebSocket> RawDeviceAsync(TestRelay relay, ChannelKey key, Peer host)
    {
        var device = await RawWebSocket.ConnectAsync(relay, key.ChannelId);
        await device.HelloAsync(relay, key.ChannelId, RelayRole.Device);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);
        return device;
    }
}
