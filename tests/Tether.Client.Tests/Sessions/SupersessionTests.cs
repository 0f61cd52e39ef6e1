using System.Net.WebSockets;
using Tether.Client.Sessions;
using Tether.Client.Sessions.Events;
using Tether.Client.Tests.Support;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Client.Tests.Sessions;

/// <summary>One active device per host session (§9): a newer handshake supersedes the older connection.</summary>
public sealed class SupersessionTests
{
    [Fact]
    public async Task TheSameDeviceOnANewConnection_KicksTheOlderWithSupersededAndResumesTheStream()
    {
        await using var session = await ProxiedSession.StartAsync();
        var device = session.StartDevice();
        var first = await ProxiedSession.NextEventAsync<SessionEstablished>(session.Host);
        await SendAndReadAsync(session.Host, device.Channel, 1, 5);

        // The device's side of the connection dies, but the relay still holds it (a half-open TCP
        // connection); the device reconnects and handshakes on a new one.
        session.Proxy.DropConnections(keepUpstream: true);
        var second = await ProxiedSession.NextEventAsync<SessionEstablished>(session.Host, e => e.PeerId != first.PeerId);

        Assert.True(second.Resumed);
        Assert.Equal(first.Stream, second.Stream);
        await ProxiedSession.WaitUntilAsync(() => session.Proxy.UpstreamClosed.ContainsKey(1));
        Assert.Equal((WebSocketCloseStatus)4008, session.Proxy.UpstreamClosed[1]);
        await SendAndReadAsync(session.Host, device.Channel, 6, 10);
        Assert.False(device.Channel.Ended.IsCompleted);
        Assert.Equal(first.Stream, device.Channel.StreamId);
    }

    [Fact]
    public async Task AnotherDeviceTakingOver_EndsTheFirstWithSupersededAndGetsANewStream()
    {
        await using var session = await ProxiedSession.StartAsync();
        var first = session.StartDevice();
        var established = await ProxiedSession.NextEventAsync<SessionEstablished>(session.Host);
        await SendAndReadAsync(session.Host, first.Channel, 1, 3);

        using var otherAccess = DeviceAccessKey.Generate();
        using var otherStatic = NoiseKeyPair.Generate();
        var now = DateTimeOffset.UtcNow;
        var otherCertificate = DeviceCertificate.Issue(session.Channel.ChannelKey, otherAccess.PublicKey, now.AddDays(1), now);
        session.PairedDevices.Add(otherStatic.PublicKey);
        var second = session.StartDevice(otherAccess, otherCertificate, otherStatic, direct: true);

        var ending = await first.Channel.Ended.WaitAsync(ProxiedSession.Deadline);
        Assert.Equal(SessionEndReason.Superseded, ending.Reason);
        Assert.Equal("Another connection took over this session.", ending.Message);
        await Assert.ThrowsAsync<SessionEndedException>(() => first.Channel.SendAsync(ProxiedSession.Message("device", 4)));

        var ended = await ProxiedSession.NextEventAsync<StreamEnded>(session.Host);
        Assert.Equal(established.Stream, ended.Stream);
        Assert.Equal(SessionEndReason.Superseded, ended.Ending.Reason);
        Assert.Equal("Another device took over this session.", ended.Ending.Message);
        var taken = await ProxiedSession.NextEventAsync<SessionEstablished>(session.Host);
        Assert.False(taken.Resumed);
        Assert.NotEqual(established.Stream, taken.Stream);
        Assert.Equal(otherStatic.PublicKey, taken.PeerKey);
        // The new stream starts from seq 1 both ways.
        await SendAndReadAsync(session.Host, second.Channel, 1, 3);
        Assert.Equal(3UL, second.Channel.Delivered);
    }

    internal static async Task SendAndReadAsync(ReliableChannel host, ReliableChannel device, int from, int to)
    {
        var count = to - from + 1;
        var hostReads = ProxiedSession.ReadNumbersAsync(host, count);
        var deviceReads = ProxiedSession.ReadNumbersAsync(device, count);
        for (var n = from; n <= to; n++)
        {
            await device.SendAsync(ProxiedSession.Message("device", n));
            await host.SendAsync(ProxiedSession.Message("host", n));
        }

        Assert.Equal(Enumerable.Range(from, count), await hostReads.WaitAsync(ProxiedSession.Deadline));
        Assert.Equal(Enumerable.Range(from, count), await deviceReads.WaitAsync(ProxiedSession.Deadline));
    }
}
