using System.Net;
using Tether.Protocol.Relay;
using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.Connections;

/// <summary>
/// Every kind of malformed input closes the offender with the right code (docs/protocol.md §7.3, §7.5),
/// and the relay goes on serving other channels.
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<string, byte[]> NotAHello => new()
    {
        { "random bytes", RandomBytes(200, seed: 1) },
        { "a DATA frame", RelayFrames.Data(0, "hello?"u8) },
        { "a HELLO with a short credential", RelayFrames.Hello(RelayRole.Host, HelloKind.Token, new byte[10]) },
        { "a HELLO of an unknown role", RelayFrames.Hello((RelayRole)9, HelloKind.Token, new byte[ConnectToken.Length]) },
        { "a HELLO of an unknown kind", RelayFrames.Hello(RelayRole.Host, (HelloKind)9, new byte[32]) },
        { "a lone type byte", [(byte)RelayFrameType.Hello] },
    };

    [Theory]
    [MemberData(nameof(NotAHello))]
    public async Task FirstMessage_NotAWellFormedHello_ClosesProtocolError(string what, byte[] frame)
    {
        Assert.NotEmpty(what);
        await using var relay = await TestRelay.StartAsync();
        await using var client = await relay.ConnectAsync(RandomChannel());
        await client.ChallengeAsync();
        await client.SendAsync(frame);
        await client.ExpectCloseAsync(RelayCloseReason.ProtocolError);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task RandomBytes_AfterWelcome_CloseProtocolError_AndTheHostHearsWhy()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await using var device = await relay.DeviceAsync(key);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);

        var junk = RandomBytes(300, seed: 2);
        junk[0] = 0x7f;
        await device.SendAsync(junk);
        await device.Client.ExpectCloseAsync(RelayCloseReason.ProtocolError);
        Assert.True(RelayFrames.TryReadPeerLeft(await host.Client.ExpectAsync(RelayFrameType.PeerLeft), out _, out var reason));
        Assert.Equal(RelayCloseReason.ProtocolError, reason);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task TextMessage_ClosesProtocolError_BeforeAndAfterWelcome()
    {
        await using var relay = await TestRelay.StartAsync();
        await using (var anonymous = await relay.ConnectAsync(RandomChannel()))
        {
            await anonymous.ChallengeAsync();
            await anonymous.SendTextAsync("{\"hello\":1}");
            await anonymous.ExpectCloseAsync(RelayCloseReason.ProtocolError);
        }

        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await host.Client.SendTextAsync("hi");
        await host.Client.ExpectCloseAsync(RelayCloseReason.ProtocolError);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task FrameOverTheLimit_ClosesFrameTooLarge_AndAFrameAtTheLimitPasses()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await using var device = await relay.DeviceAsync(key);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);

        await device.SendAsync(RelayFrames.Data(0, new byte[RelayFrames.MaxPayload]));
        Assert.Equal(RelayFrames.MaxPayload, (await host.ReceiveDataAsync()).Payload.Length);

        var tooLarge = new byte[RelayFrames.MaxFrame + 1];
        RelayFrames.WriteDataHeader(tooLarge, 0);
        await device.SendAsync(tooLarge);
        await device.Client.ExpectCloseAsync(RelayCloseReason.FrameTooLarge);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task HugeMessage_OfTenMegabytes_ClosesFrameTooLarge_WithoutReadingIt()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);

        // Sent in fragments: the relay stops after 65,541 bytes and closes; the rest is never buffered.
        var chunk = new byte[64 * 1024];
        chunk[0] = (byte)RelayFrameType.Data;
        try
        {
            for (var i = 0; i < 160; i++)
            {
                await host.Client.Socket.SendAsync(chunk, System.Net.WebSockets.WebSocketMessageType.Binary, endOfMessage: false, CancellationToken.None);
                chunk[0] = 0;
            }
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            // The relay may have closed while the client was still sending.
        }
        catch (IOException)
        {
        }

        await host.Client.ExpectCloseAsync(RelayCloseReason.FrameTooLarge);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task HelloOver512Bytes_ClosesFrameTooLarge()
    {
        await using var relay = await TestRelay.StartAsync();
        await using var client = await relay.ConnectAsync(RandomChannel());
        await client.ChallengeAsync();
        await client.SendAsync(RelayFrames.Hello(RelayRole.Device, HelloKind.DeviceProof, new byte[RelayFrames.MaxHello]));
        await client.ExpectCloseAsync(RelayCloseReason.FrameTooLarge);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task EmptyMessage_ClosesProtocolError()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await host.SendAsync([]);
        await host.Client.ExpectCloseAsync(RelayCloseReason.ProtocolError);
        await relay.AssertServesAnotherChannelAsync();
    }

    public static TheoryData<string, byte[]> ForbiddenForADevice => new()
    {
        { "HELLO again", RelayFrames.Hello(RelayRole.Device, HelloKind.Token, new byte[ConnectToken.Length]) },
        { "PAIR_OPEN", RelayFrames.PairOpen(new byte[32], 1) },
        { "KICK", RelayFrames.Kick(5, RelayCloseReason.Revoked) },
        { "DATA with a peer id", RelayFrames.Data(42, "x"u8) },
        { "a DATA header cut short", [(byte)RelayFrameType.Data, 0, 0] },
        { "REFRESH with a body", [(byte)RelayFrameType.Refresh, 1] },
        { "a relay-only frame", RelayFrames.HostOnline() },
    };

    [Theory]
    [MemberData(nameof(ForbiddenForADevice))]
    public async Task FrameNotAllowedForTheRole_ClosesProtocolError(string what, byte[] frame)
    {
        Assert.NotEmpty(what);
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var device = await relay.DeviceAsync(key);
        await device.SendAsync(frame);
        await device.Client.ExpectCloseAsync(RelayCloseReason.ProtocolError);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task HostData_ToPeerZero_ClosesProtocolError()
    {
        await using var relay = await TestRelay.StartAsync();
        using var key = ChannelKey.Generate();
        await using var host = await relay.HostAsync(key);
        await host.SendAsync(RelayFrames.Data(0, "to whom?"u8));
        await host.Client.ExpectCloseAsync(RelayCloseReason.ProtocolError);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task NoHelloInTime_ClosesAuthTimeout()
    {
        var clock = ManualClock.Now();
        await using var relay = await TestRelay.StartAsync(time: clock);
        await using var client = await relay.ConnectAsync(RandomChannel());
        await client.ChallengeAsync();
        await client.ExpectNothingAsync(TimeSpan.FromMilliseconds(100));
        clock.Advance(TimeSpan.FromSeconds(10));
        await client.ExpectCloseAsync(RelayCloseReason.AuthTimeout);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Fact]
    public async Task UpgradeWithoutTheSubprotocol_IsRefused()
    {
        await using var relay = await TestRelay.StartAsync();
        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() =>
            RelayClient.ConnectAsync(relay.ChannelUri(RandomChannel()), subProtocol: null));
        Assert.Contains("400", refused.Message + refused.InnerException?.Message, StringComparison.Ordinal);
        await relay.AssertServesAnotherChannelAsync();
    }

    [Theory]
    [InlineData("/v1/channels/not-a-channel", HttpStatusCode.NotFound)]
    [InlineData("/v1/channels/0123456789ABCDEF0123456789ABCDEF", HttpStatusCode.NotFound)]
    [InlineData("/v1/channels/0123456789abcdef0123456789abcdef", HttpStatusCode.BadRequest)]
    public async Task PlainHttpOrABadChannelPath_IsRefusedWithoutAnUpgrade(string path, HttpStatusCode expected)
    {
        await using var relay = await TestRelay.StartAsync();
        using var http = new HttpClient { BaseAddress = relay.BaseUri };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
    }

    internal static RelayId RandomChannel() => RelayId.Read(RandomBytes(16, Random.Shared.Next()));

    internal static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
